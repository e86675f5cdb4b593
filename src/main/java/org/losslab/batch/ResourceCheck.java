package org.losslab.batch;

import org.losslab.BadInputException;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SphericalDescentBlock;
import org.losslab.training.TrainingMemory;

/**
 * Refuses a spec whose stages cannot fit in memory before anything is allocated or written, with the
 * memory they would need (README "Exit codes": 2): training ({@link TrainingMemory}), the region
 * stages ({@link RegionsMemory}) and the spin-glass blocks.
 */
public final class ResourceCheck {

    private ResourceCheck() {
    }

    public static void check(JobSpec spec) {
        int threads = NumericsEnvironment.partitionThreads();
        TrainingMemory.check(spec, threads);
        RegionsMemory.check(spec, threads);
        SpinGlassSpec s = spec.spinglass();
        if (s != null) {
            long limit = org.losslab.training.TrainingMemory.offHeapLimit();
            for (int i = 0; i < s.sizes().size(); i++) {
                int n = s.sizes().get(i);
                int r = Math.min(s.blockSize(), s.restarts());
                long need = SphericalDescentBlock.bytesNeeded(n, r, s.settings())
                        + (threads - 1L) * SphericalDescentBlock.bytesNeeded(n, r);
                if (need > limit) {
                    throw new BadInputException(String.format("spinglass.sizes[%d]=%d: the couplings and %d blocks of %d "
                            + "restarts need about %.1f GiB, but ND4J may allocate only %.1f GiB (lower the size or "
                            + "spinglass.block_size, or raise -Dorg.bytedeco.javacpp.maxbytes)", i, n, threads, r,
                            need / 1073741824.0, limit / 1073741824.0));
                }
            }
        }
    }
}
