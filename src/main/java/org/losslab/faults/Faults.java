package org.losslab.faults;

/**
 * The one fault-injection seam of losslab: every place where a test or the chaos script
 * ({@code scripts/chaos.sh}) may freeze or fail the process calls it, and production code never
 * reaches a fault any other way. Production runs {@link NoFaults}; {@link InjectedFaults} replaces it
 * only when the property {@value FaultsConfiguration#ENABLED} is true ({@link FaultsConfiguration}).
 *
 * <p>Pause points are named instants inside write transactions, after a stage's rows are written and
 * before the commit ({@code report}: after each figure, outside any transaction); the fail-once hooks
 * sit at the same places and throw, as a crash in the middle of the work would.
 */
public interface Faults {

    /** The named instants of {@link #reach}, in pipeline order (docs/reliability.md). */
    java.util.List<String> POINTS = java.util.List.of("prepare-data", "checkpoint", "final-params", "summarize",
            "hessian", "theory", "spinglass", "enumeration", "cells", "region-networks", "sample-activations", "region-statistics", "compare",
            "report");

    /** Marks the instant {@code point} (one of {@link #POINTS}). */
    void reach(String point);

    /** Training run (width, restart) has trained {@code epoch} epochs; called before that epoch is recorded. */
    void trainedEpoch(int width, int restart, int epoch);

    /** Region network {@code networkKey} has trained {@code epochsDone} epochs, inside the transaction recording it. */
    void trainedRegionNetwork(String networkKey, int epochsDone);

    /** Sampling partition {@code <network key>/<input set>} has sampled {@code rowsDone} rows, before the commit. */
    void sampledRows(String partition, int rowsDone);
}
