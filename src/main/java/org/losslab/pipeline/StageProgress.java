package org.losslab.pipeline;

/**
 * Units of a stage's work done of those known so far, for the progress display: the stage's own units
 * when it reports them (training: network-epochs), otherwise its partitions and steps started so far.
 */
public record StageProgress(String stage, String unit, long done, long total) {

    public boolean finished() {
        return total > 0 && done >= total;
    }
}
