package org.losslab.pipeline.regions;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.MnistShape;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.ParameterInit;

/**
 * The region stages' plan (science.md §C.4): training the grid's networks (forward and backward, about
 * three forward passes per example), then one forward pass per sampled input for every network × state
 * × input set, the Choromanska networks included; memory from {@link RegionsMemory}; in the database one
 * row per network epoch, the accumulators of each partition and about one statistics row per hidden
 * unit and KDE point. The statistics step itself is not projected (small next to sampling).
 */
public final class RegionsPlan implements StagePlan {

    /** Multiply-adds of one LeNet-5 forward pass: conv 6x28x28x25, conv 16x10x10x150, 400x120, 120x84, 84x10. */
    static final long LENET_MACS = 6L * 28 * 28 * 25 + 16L * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10;
    static final long ROW_BYTES = 100;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.regions() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        RegionsSpec r = spec.regions();
        MnistShape d = in.requireData();
        int trainCount = r.trainCount() == 0 ? d.trainCount() : Math.min(r.trainCount(), d.trainCount());
        long mnistInputs = Math.min(r.inputCount(), d.testCount()) + (long) Math.min(r.censusTrainCount(), d.trainCount());
        long inputsPerNetwork = (r.inputs().contains(RegionsSpec.MNIST) ? mnistInputs : 0)
                + (r.inputs().contains(RegionsSpec.GAUSSIAN) ? r.inputCount() : 0);
        boolean trained = r.states().contains(RegionsSpec.TRAINED);
        List<Work> work = new ArrayList<>();
        long partitions = 0;
        long rows = 0;
        long bytes = 0;
        long memory = 0;
        for (RegionsMemory.Network n : RegionsMemory.networks(spec)) {
            boolean choromanska = n.name().startsWith("choromanska");
            long networks = choromanska ? (long) r.choromanskaRuns() * spec.training().hiddenWidths().size()
                    : r.activations().size();
            double forward = choromanska ? choromanskaForward(spec) : 2.0 * (n.name().startsWith("lenet") ? LENET_MACS
                    : n.params());
            int shape = (int) Math.max(1, n.units() / Math.max(1, n.layers()));
            if (trained && !choromanska) {
                work.add(new Work(String.format("train %d %s network%s x %d epochs x %d examples", networks, n.name(),
                        networks == 1 ? "" : "s", r.trainEpochs(), trainCount),
                        networks * r.trainEpochs() * (3.0 * trainCount + d.testCount()) * forward, Work.Kernel.DENSE,
                        shape, networks, 0));
                rows += networks * (r.trainEpochs() + 1L);
            }
            long parts = networks * r.states().size() * r.inputs().size();
            partitions += parts;
            work.add(new Work(String.format("sample %d %s network%s x %d state%s: %d inputs each", networks, n.name(),
                    networks == 1 ? "" : "s", r.states().size(), r.states().size() == 1 ? "" : "s", inputsPerNetwork),
                    networks * r.states().size() * inputsPerNetwork * (forward + 4.0 * n.units() * n.pieces()),
                    Work.Kernel.DENSE, shape, parts, 0));
            long statRows = n.units() + (long) r.kdePoints() * n.layers();
            rows += parts * statRows;
            bytes += parts * (statRows * ROW_BYTES + 4 * 24 * n.units() * n.pieces());
            memory = Math.max(memory, RegionsMemory.peakBytes(r, n) * Math.min(in.threads(), parts));
        }
        String summary = String.format("%s x %s x states %s x inputs %s, %d sampling partitions", r.architectures(),
                r.activations(), r.states(), r.inputs(), partitions);
        return new StageEstimate("regions", summary, work, memory, bytes, rows);
    }

    /** Mean forward flops of the sampled Choromanska networks (their widths equally often). */
    private static double choromanskaForward(JobSpec spec) {
        TrainingSpec t = spec.training();
        return t.hiddenWidths().stream().mapToDouble(w -> 2.0 * ParameterInit.parameterCountExact(
                t.layerSizes(spec.data().inputSize(), w))).average().orElse(0);
    }
}
