package org.losslab.pipeline.data;

import java.util.List;
import org.losslab.data.MnistShape;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.JobSpec;

/**
 * The prepare-data step's plan: the split read from the IDX headers (e.g. 60000 / 10000), and the
 * digits it stores whole in {@code dataset} (one byte per pixel and label).
 */
public final class DataPlan implements StagePlan {

    /** Reading, checking and storing the digits, bytes per second (measured on the 10k set, docs/performance.md). */
    static final double BYTES_PER_SECOND = 20e6;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.needsData();
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        MnistShape d = in.requireData();
        long images = (long) d.trainCount() + d.testCount();
        long bytes = images * ((long) d.rows() * d.cols() + 1);
        String summary = String.format("MNIST %s: %d / %d (train / test, %s), %dx%d pixels, inputs %dx%d",
                spec.data().dir(), d.trainCount(), d.testCount(), d.split(), d.rows(), d.cols(),
                spec.data().downsample(), spec.data().downsample());
        return new StageEstimate("prepare-data", summary,
                List.of(new Work("read, check and store " + images + " images", 0, Work.Kernel.DENSE, 1, 1,
                        bytes / BYTES_PER_SECOND)), 2 * bytes, bytes, 1);
    }

    /** The split of the spec's data directory from its IDX headers alone; bad files are bad input (exit 2). */
    public static MnistShape shape(org.losslab.spec.DataSpec spec) {
        try {
            return MnistShape.read(DataPreparation.resolve(spec.dir()), spec.holdout());
        } catch (org.losslab.data.InvalidDataException e) {
            throw new org.losslab.BadInputException(e.getMessage(), e);
        }
    }
}
