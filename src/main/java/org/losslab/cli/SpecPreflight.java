package org.losslab.cli;

import org.losslab.BadInputException;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.pipeline.data.DataPreparation;
import org.losslab.pipeline.hessian.HessianMemory;
import org.losslab.pipeline.regions.RegionsMemory;
import org.losslab.pipeline.spinglass.SpinGlassMemory;
import org.losslab.spec.JobSpec;
import org.losslab.training.TrainingMemory;

/**
 * What {@code run} and {@code rerun} check before anything is written or allocated: the memory every
 * stage of the spec needs with this machine's partition threads (training, the region stages, the
 * spin-glass blocks), and the data files when a stage reads them. A failed check exits 2 naming the
 * key or file (docs/operations.md "Exit codes").
 */
final class SpecPreflight {

    private SpecPreflight() {
    }

    static void check(JobSpec job) {
        checkMemory(job);
        if (job.needsData()) {
            DataPreparation.load(job.data());
        }
    }

    /** The memory checks alone, which read no file: what {@code run --dry-run} checks besides the plan. */
    static void checkMemory(JobSpec job) {
        int threads = NumericsEnvironment.partitionThreads();
        try {
            TrainingMemory.check(job, threads);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        RegionsMemory.check(job, threads);
        SpinGlassMemory.check(job, threads);
        HessianMemory.check(job, threads);
    }
}
