package org.losslab.pipeline.training;

import java.util.List;
import java.util.function.Function;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochResult;

/** The reference trainer: the block's runs one after another, one DL4J network in memory at a time. */
final class Dl4jBlockTraining implements BlockTraining {

    private final List<RunRecord> runs;
    private final Function<RunRecord, Dl4jRunTrainer> open;
    private int index = -1;
    private Dl4jRunTrainer trainer;

    Dl4jBlockTraining(List<RunRecord> runs, Function<RunRecord, Dl4jRunTrainer> open) {
        this.runs = runs;
        this.open = open;
    }

    @Override
    public List<RunEpoch> next() {
        while (trainer == null) {
            if (++index >= runs.size()) {
                return List.of();
            }
            if (!runs.get(index).finished()) {
                trainer = open.apply(runs.get(index));
            }
        }
        RunRecord run = runs.get(index);
        EpochResult r = trainer.trainEpoch();
        String status = RunEpoch.status(run, r);
        RunEpoch out = new RunEpoch(run, r, trainer.checkpoint(), status);
        if (!"RUNNING".equals(status)) {
            trainer = null;
        }
        return List.of(out);
    }

    @Override
    public void close() {
        trainer = null;
    }
}
