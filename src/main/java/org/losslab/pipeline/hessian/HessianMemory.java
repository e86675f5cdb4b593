package org.losslab.pipeline.hessian;

import org.losslab.BadInputException;
import org.losslab.hessian.HessianCost;
import org.losslab.hessian.MlpShape;
import org.losslab.spec.HessianSpec;
import org.losslab.spec.JobSpec;
import org.losslab.training.TrainingMemory;

/**
 * Refuses a hessian section whose analyses cannot fit in memory, before anything is allocated or written
 * (exit 2): per partition thread, the analysis of the largest network ({@link HessianCost}: a dense P × P
 * matrix, or the Lanczos and SLQ bases) plus the training rows in double, at most {@value #MAX_ROWS} rows.
 */
public final class HessianMemory {

    /** The full MNIST training split: an upper bound on the rows of any prepared data set. */
    static final int MAX_ROWS = 60_000;

    private HessianMemory() {
    }

    public static void check(JobSpec spec, int threads) {
        HessianSpec h = spec.hessian();
        if (h == null) {
            return;
        }
        long limit = Math.max(TrainingMemory.offHeapLimit(), Runtime.getRuntime().maxMemory());
        int features = spec.data().inputSize();
        for (int i = 0; i < h.widths().size(); i++) {
            int width = h.widths().get(i);
            MlpShape shape = MlpShape.of(features, spec.training().hiddenLayers(), width);
            HessianCost cost = HessianCost.of(shape, MAX_ROWS, HessianStage.settings(h));
            long need = threads * (cost.bytes() + 8L * MAX_ROWS * features);
            if (need > limit) {
                throw new BadInputException(String.format("hessian.widths[%d]=%d: %d %s analyses of %d parameters "
                        + "need about %.1f GiB, but only %.1f GiB may be allocated (lower hessian.dense_max_params, "
                        + "hessian.lanczos_steps or hessian.slq_block, or LOSSLAB_THREADS)", i, width, threads,
                        cost.method().label(), shape.parameterCount(), need / 1073741824.0, limit / 1073741824.0));
            }
        }
    }
}
