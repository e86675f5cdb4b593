package org.losslab.pipeline.spinglass;

import java.util.ArrayList;
import java.util.List;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SphericalDescentBlock;

/**
 * The spinglass step's plan (science.md §A.5.1): every restart takes at most the schedule's steps
 * (GD stops earlier when it converges, so its projection is an upper bound), each a contraction of the
 * N³ coupling tensor (2N³ flops), and the index a Hessian of N³ and its eigenvalues (about 10 N³);
 * memory as {@link SpinGlassMemory} checks it; one result row per restart, one state row per block.
 */
public final class SpinGlassPlan implements StagePlan {

    static final long RESULT_ROW_BYTES = 200;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.spinglass() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        SpinGlassSpec s = spec.spinglass();
        int block = Math.min(s.blockSize(), s.restarts());
        long blocks = (s.restarts() + block - 1L) / block;
        List<Work> work = new ArrayList<>();
        long memory = 0;
        long bytes = 0;
        List<String> parts = new ArrayList<>();
        for (String method : s.methods()) {
            boolean anneal = SpinGlassSpec.ANNEALING.equals(method);
            // annealing: its Metropolis steps, then at most the polish's steps, each about one contraction
            long steps = anneal ? (long) s.annealSteps() + s.annealPolishMaxSteps() : s.settings().totalSteps();
            String bound = anneal || "gd".equals(method) ? "at most " : "";
            parts.add(String.format("%s, %s%d steps", method, bound, steps));
            for (int n : s.sizes()) {
                double cube = Math.pow(n, 3);
                double flops = (double) s.restarts() * (steps * 2 * cube + (s.index() ? 11 * cube : 0));
                work.add(new Work(String.format("N=%d %s: %d restarts x %s%d steps, %d block%s of %d", n, method,
                        s.restarts(), bound, steps, blocks, blocks == 1 ? "" : "s", block), flops,
                        Work.Kernel.DENSE, n, blocks, 0));
                long concurrent = Math.min(in.threads(), blocks);
                memory = Math.max(memory, SphericalDescentBlock.bytesNeeded(n, block, s.settings())
                        + (concurrent - 1) * SphericalDescentBlock.bytesNeeded(n, block));
                bytes += s.restarts() * RESULT_ROW_BYTES + blocks * 2L * block * n * Double.BYTES;
            }
        }
        String summary = String.format("sizes %s x %d restarts: %s", s.sizes(), s.restarts(), String.join("; ", parts));
        long rows = (long) s.methods().size() * s.sizes().size() * (s.restarts() + blocks);
        return new StageEstimate("spinglass", summary, work, memory, bytes, rows);
    }
}
