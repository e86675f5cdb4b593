package org.losslab.job;

/** A launch refused because another live process owns the job (or a run of the spec), or it is done (exit 4). */
public final class JobRefusedException extends Exception {

    public JobRefusedException(String message) {
        super(message);
    }
}
