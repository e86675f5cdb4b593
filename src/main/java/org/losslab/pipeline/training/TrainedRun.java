package org.losslab.pipeline.training;

/** A COMPLETED training run as another stage reads it: row id, key, layer sizes (input, hidden…, 10), seed and epochs. */
public record TrainedRun(long runId, String runKey, int[] sizes, String activation, long seed, int restart,
                         int epochsDone, int epochsPlanned) {

    public int width() {
        return sizes[1];
    }
}
