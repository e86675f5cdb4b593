package org.losslab.pipeline.hessian;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.MnistShape;
import org.losslab.hessian.HessianCost;
import org.losslab.hessian.HessianSettings;
import org.losslab.hessian.MlpShape;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.HessianSpec;
import org.losslab.spec.JobSpec;

/**
 * The hessian step's plan (science.md §A.6): per width, {@link HessianCost} of one network on the training rows
 * (the dense Hessian's DGEMMs and eigendecomposition, or the Hessian-vector products of Lanczos and SLQ) times
 * the networks analysed; memory is the largest analysis per partition thread; one summary row and
 * {@code density_bins} density rows per network.
 */
public final class HessianPlan implements StagePlan {

    static final long ROW_BYTES = 400;
    static final long DENSITY_ROW_BYTES = 60;

    @Override
    public int order() {
        return 25;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.hessian() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        HessianSpec h = spec.hessian();
        MnistShape d = in.requireData();
        HessianSettings settings = HessianStage.settings(h);
        List<Work> work = new ArrayList<>();
        long memory = 0;
        long networks = 0;
        for (int width : h.widths()) {
            MlpShape shape = MlpShape.of(spec.data().inputSize(), spec.training().hiddenLayers(), width);
            HessianCost cost = HessianCost.of(shape, d.trainCount(), settings);
            long partitions = (h.runsPerWidth() + h.blockSize() - 1L) / h.blockSize();
            work.add(new Work(String.format("n1=%d: %d networks x %s (%d parameters, %d rows)", width, h.runsPerWidth(),
                    cost.method().name().toLowerCase(), shape.parameterCount(), d.trainCount()),
                    cost.flops() * h.runsPerWidth(), Work.Kernel.DENSE, width, partitions, 0));
            memory = Math.max(memory, Math.min(in.threads(), partitions) * cost.bytes() + 8L * d.trainCount() * shape.features());
            networks += h.runsPerWidth();
        }
        String summary = String.format("widths %s x %d networks each, exact up to %d parameters", h.widths(),
                h.runsPerWidth(), h.denseMaxParams());
        long rows = networks * (1 + h.densityBins());
        return new StageEstimate("hessian", summary, work, memory,
                networks * (ROW_BYTES + h.densityBins() * DENSITY_ROW_BYTES), rows);
    }
}
