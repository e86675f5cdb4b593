package org.losslab.pipeline.spinglass;

import org.losslab.BadInputException;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SphericalAnnealingBlock;
import org.losslab.theory.SphericalDescentBlock;
import org.losslab.training.TrainingMemory;

/**
 * Refuses a spinglass section whose couplings and blocks cannot fit in what ND4J may allocate, before
 * anything is allocated or written (exit 2; docs/operations.md "Exit codes"): the tensor of each size N once, and a
 * block of restarts per partition thread.
 */
public final class SpinGlassMemory {

    private SpinGlassMemory() {
    }

    public static void check(JobSpec spec, int threads) {
        SpinGlassSpec s = spec.spinglass();
        if (s == null) {
            return;
        }
        long limit = TrainingMemory.offHeapLimit();
        for (int i = 0; i < s.sizes().size(); i++) {
            int n = s.sizes().get(i);
            int r = Math.min(s.blockSize(), s.restarts());
            long block = s.anneals() ? SphericalAnnealingBlock.bytesNeeded(n, r) : SphericalDescentBlock.bytesNeeded(n, r);
            long need = SphericalDescentBlock.bytesNeeded(n, r, s.settings()) - SphericalDescentBlock.bytesNeeded(n, r)
                    + threads * block;
            if (need > limit) {
                throw new BadInputException(String.format("spinglass.sizes[%d]=%d: the couplings and %d blocks of %d "
                        + "restarts need about %.1f GiB, but ND4J may allocate only %.1f GiB (lower the size or "
                        + "spinglass.block_size, or raise -Dorg.bytedeco.javacpp.maxbytes)", i, n, threads, r,
                        need / 1073741824.0, limit / 1073741824.0));
            }
        }
    }
}
