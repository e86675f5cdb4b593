package org.losslab.pipeline.training;

import java.util.ArrayList;
import java.util.List;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.BatchedTrainer;
import org.losslab.training.batched.BlockTrainer;
import org.losslab.spec.JobSpec;

/**
 * The whole block as one vectorized model ({@link BatchedTrainer}, or its ND4J path as
 * {@link BatchedPath} chooses): every chunk trains one epoch of
 * all unfinished runs and records all their checkpoints in the same transaction, so the runs of a
 * block are always at the same epoch when it resumes.
 */
final class BatchedBlockTraining implements BlockTraining {

    private final List<RunRecord> runs;
    private final BlockTrainer trainer;

    BatchedBlockTraining(JobSpec spec, PreparedData data, List<RunRecord> runs, CheckpointStore checkpoints) {
        this.runs = runs;
        int[] restarts = runs.stream().mapToInt(RunRecord::restart).toArray();
        this.trainer = BatchedPath.current().open(spec.training(), data, spec.seed(), runs.get(0).width(), restarts);
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            if (run.finished()) {
                trainer.deactivate(i);
            } else {
                int at = i;
                checkpoints.load(run.runId()).ifPresent(c -> trainer.restore(at, c));
            }
        }
    }

    @Override
    public List<RunEpoch> next() {
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            any |= trainer.isActive(i);
        }
        if (!any) {
            return List.of();
        }
        List<EpochResult> results = trainer.trainEpoch();
        List<Checkpoint> checkpoints = trainer.checkpoints(); // all at once: faster than one by one
        List<RunEpoch> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            EpochResult r = results.get(i);
            if (r == null) {
                continue;
            }
            String status = RunEpoch.status(runs.get(i), r);
            out.add(new RunEpoch(runs.get(i), r, checkpoints.get(i), status));
            if ("COMPLETED".equals(status) && trainer.isActive(i)) {
                trainer.deactivate(i);
            }
        }
        return out;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
