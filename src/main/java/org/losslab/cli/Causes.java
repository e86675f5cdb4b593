package org.losslab.cli;

/** Looks through an exception's chain of causes, where the CLI finds what an error means for the user. */
final class Causes {

    private Causes() {
    }

    /** The first exception of {@code type} in the chain, or null. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
