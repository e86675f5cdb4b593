package org.losslab.pipeline.enumeration;

import java.util.ArrayList;
import java.util.List;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.EnumerationSpec;
import org.losslab.spec.JobSpec;

/**
 * The enumeration steps' plan (science.md §B.8 item 5). Newton from a start at N ≤ 8 is a few dozen tiny
 * solves whose cost is call overhead, not flops, so the time is modelled from measurement (docs/performance.md
 * "Enumeration": 0.125, 0.25 and 0.5 ms per start at N = 4, 6, 8, i.e. about 8 µs × N² per start); Kac–Rice's
 * expected counts draw {@code kac_rice_samples} GOE matrices per N (about N³ flops each).
 */
public final class EnumerationPlan implements StagePlan {

    static final double SECONDS_PER_START_PER_N2 = 8e-6;
    static final long POINT_ROW_BYTES = 120;

    @Override
    public int order() {
        return 45;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.enumeration() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        EnumerationSpec e = spec.enumeration();
        List<Work> work = new ArrayList<>();
        long rows = 0;
        for (int n : e.sizes()) {
            long starts = (long) e.samples() * e.startsAt(n);
            long blocks = (e.samples() + e.blockSize() - 1L) / e.blockSize();
            work.add(new Work(String.format("N=%d: %d samples x %d starts, %d block%s", n, e.samples(), e.startsAt(n),
                    blocks, blocks == 1 ? "" : "s"), 0, Work.Kernel.DENSE, n, blocks,
                    starts * SECONDS_PER_START_PER_N2 * n * n));
            work.add(new Work(String.format("N=%d: Kac-Rice, %d GOE draws", n, e.kacRiceSamples()),
                    (double) e.kacRiceSamples() * n * n * n, Work.Kernel.DENSE, n, 1, 0));
            rows += (long) e.samples() * (1 + 3L * n * n) + n; // points per sample grow about as Kac-Rice's count
        }
        String summary = String.format("p = %d, N %s x %d disorder samples, starts %s", e.p(), e.sizes(), e.samples(),
                e.starts());
        return new StageEstimate("enumeration", summary, work, 64L << 20, rows * POINT_ROW_BYTES, rows);
    }
}
