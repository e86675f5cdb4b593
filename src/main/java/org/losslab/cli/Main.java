package org.losslab.cli;

/** Placeholder until the CLI lands in this same change set. */
public final class Main {
    private Main() {
    }

    public static int run(String[] args) {
        return 0;
    }
}
