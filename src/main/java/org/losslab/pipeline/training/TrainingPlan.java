package org.losslab.pipeline.training;

import java.util.ArrayList;
import java.util.List;
import org.losslab.bench.TrainingBenchmark;
import org.losslab.comparison.ComparisonSettings;
import org.losslab.comparison.LowDecileRank;
import org.losslab.comparison.NetworkComparisons;
import org.losslab.data.MnistShape;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.ParameterInit;
import org.losslab.training.TrainingMemory;
import org.losslab.training.batched.BatchedMemory;

/**
 * The train step's plan (docs/performance.md "Projections"): per hidden width, restarts × epochs of
 * training on every training example and evaluation on the training and test sets, in the partitions
 * the partitioner will make, per trainer listed; memory of a block per thread (the trainers' own estimates);
 * in the database one {@code epoch_metric} row per run and epoch, one checkpoint per running network,
 * one {@code final_params} per run and the cells-visited rows of the sampled runs.
 */
public final class TrainingPlan implements StagePlan {

    /** Per run and epoch: the metric row, the run's progress and its checkpoint row (measured, docs/performance.md). */
    static final double SECONDS_PER_RUN_EPOCH = 4e-4;
    /** Checkpoint bytes written per second inside an epoch's transaction. */
    static final double CHECKPOINT_BYTES_PER_SECOND = 100e6;
    static final long EPOCH_ROW_BYTES = 120;
    static final long RUN_ROW_BYTES = 300;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.training() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        TrainingSpec t = spec.training();
        MnistShape d = in.requireData();
        int features = spec.data().inputSize();
        TrainingPartitioner partitioner = new TrainingPartitioner(spec);
        List<Work> work = new ArrayList<>();
        long partitions = 0;
        long memory = 0;
        long checkpoints = 0;
        long finals = 0;
        long runs = 0;
        for (String trainer : t.trainers()) {
            boolean batched = "batched".equals(trainer);
            for (int width : t.hiddenWidths()) {
                int restarts = t.restartsOf(trainer, width);
                if (restarts == 0) {
                    continue;
                }
                runs += restarts;
                int block = Math.min(partitioner.blockSize(width), restarts);
                long parts = (restarts + block - 1L) / block;
                partitions += parts;
                long params = ParameterInit.parameterCountExact(t.layerSizes(features, width));
                // the test set every epoch, the training set only at the evaluation cadence (evaluate_train_every)
                double evaluated = d.testCount() + (double) d.trainCount() * trainEvaluations(t) / t.epochs();
                double flops = (double) restarts * t.epochs()
                        * TrainingBenchmark.flopsPerNetworkEpoch(features, width, t.hiddenLayers(), d.trainCount(),
                        (int) Math.round(evaluated));
                double fixed = (double) restarts * t.epochs() * SECONDS_PER_RUN_EPOCH
                        + (double) restarts * t.epochs() * 4 * params / CHECKPOINT_BYTES_PER_SECOND;
                work.add(new Work(String.format("%sn1=%d: %d networks x %d epochs, %d partition%s of %d",
                        t.keysByTrainer() ? trainer + " " : "", width, restarts, t.epochs(), parts,
                        parts == 1 ? "" : "s", block), flops, batched ? Work.Kernel.BATCHED : Work.Kernel.DL4J, width,
                        parts, fixed));
                long concurrent = Math.min(in.threads(), parts);
                long perThread = batched ? sum(BatchedMemory.bytes(t, features, width, block, d.trainCount()))
                        : TrainingMemory.bytesPerNetwork(t, features, width);
                memory = Math.max(memory, concurrent * perThread);
                checkpoints = Math.max(checkpoints, concurrent * block * 4 * params);
                finals += restarts * (4 * params + RUN_ROW_BYTES);
            }
        }
        long data = 4L * ((long) d.trainCount() + d.testCount()) * features;
        // the cells-visited census: a row per sampled run, census (epoch 0 and every epoch) and hidden layer
        long censuses = (long) t.visitedRuns() * t.hiddenWidths().size() * (t.epochs() + 1);
        long rows = runs * t.epochs() + 2 * runs + censuses * t.hiddenLayers();
        String summary = String.format("%d width%s %s x %d restarts x %d epochs x %d examples (evaluated on %d every "
                        + t.evaluateTrainEvery() + " epochs + %d every epoch), "
                        + "%s trainer%s, %d partitions", t.hiddenWidths().size(), t.hiddenWidths().size() == 1 ? "" : "s",
                t.hiddenWidths(), t.restarts(), t.epochs(), d.trainCount(), d.trainCount(), d.testCount(),
                String.join(" + ", t.trainers()), t.keysByTrainer() ? "s" : "", partitions);
        return new StageEstimate("train", summary, work, memory + data, finals + checkpoints
                + runs * t.epochs() * EPOCH_ROW_BYTES, rows, findingNotes(spec));
    }

    /**
     * A note when the restarts at the largest width are too few for F5 to be found consistent (docs/science.md
     * §E.3): the compare step would say "undetermined" unless the association among the best runs is strong.
     */
    static List<String> findingNotes(JobSpec spec) {
        TrainingSpec t = spec.training();
        int largest = t.hiddenWidths().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int needed = NetworkComparisons.restartsForConsistentF5(spec.compare().alpha());
        List<String> notes = new ArrayList<>();
        for (String trainer : t.trainers()) {
            int restarts = t.restartsOf(trainer, largest);
            if (restarts > 0 && restarts < needed) {
                int k = LowDecileRank.decileSize(restarts);
                String what = k < ComparisonSettings.MIN_GROUP_SIZE
                        ? String.format("a lowest-train decile of %d, too few for a rank correlation (%d needed): F5 "
                                + "will be undetermined", k, ComparisonSettings.MIN_GROUP_SIZE)
                        : String.format("a lowest-train decile of %d, which detects rho >= %.2f with 80%% power: F5 "
                                + "can only be found inconsistent or undetermined", k,
                                LowDecileRank.detectable(k, spec.compare().alpha()));
                notes.add(String.format("%s%d restarts at n1=%d give %s; a consistent verdict needs at least %d "
                        + "(docs/science.md, F5)", t.keysByTrainer() ? trainer + " " : "", restarts, largest, what, needed));
            }
        }
        return notes;
    }

    private static long sum(long[] v) {
        return v[0] + v[1];
    }

    /** Epochs after which the training set is evaluated: every E-th and the last (TrainingSpec#evaluatesTrainAfter). */
    static int trainEvaluations(TrainingSpec t) {
        int n = 0;
        for (int e = 1; e <= t.epochs(); e++) {
            if (t.evaluatesTrainAfter(e)) {
                n++;
            }
        }
        return n;
    }
}
