package org.losslab.batch;

import java.util.List;
import java.util.function.Function;
import org.losslab.store.RunRecord;
import org.losslab.training.Dl4jRunTrainer;

/** Which run of a partition trains next, and its live trainer (one run in memory at a time). */
final class BlockProgress {

    private final List<RunRecord> runs;
    private final Function<RunRecord, Dl4jRunTrainer> open;
    private int index = -1;
    private Dl4jRunTrainer trainer;

    BlockProgress(List<RunRecord> runs, Function<RunRecord, Dl4jRunTrainer> open) {
        this.runs = runs;
        this.open = open;
    }

    /** The trainer of the first unfinished run, or null when the whole block is done. */
    Dl4jRunTrainer trainerForNextEpoch() {
        if (trainer != null) {
            return trainer;
        }
        while (++index < runs.size()) {
            if (!runs.get(index).finished()) {
                trainer = open.apply(runs.get(index));
                return trainer;
            }
        }
        return null;
    }

    RunRecord current() {
        return runs.get(index);
    }

    /** After an epoch was recorded with {@code status}: move on when the run ended. */
    void advance(String status) {
        if (!"RUNNING".equals(status)) {
            trainer = null;
        }
    }
}
