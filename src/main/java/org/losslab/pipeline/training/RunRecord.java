package org.losslab.pipeline.training;

/** A trained network's row in {@code run}: identity, configuration and progress. */
public record RunRecord(long runId, String runKey, int width, int restart, long seed, String status,
                        int epochsDone, int epochsPlanned) {

    public boolean finished() {
        return "COMPLETED".equals(status) || "DIVERGED".equals(status);
    }
}
