package org.losslab.pipeline.theory;

import java.util.List;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TheorySpec;

/**
 * The theory step's plan (science.md §B): the complexity curves are cheap; the Kac–Rice Monte Carlo
 * draws {@code samples} GOE matrices of size N−1 per p × N × θ, each an eigen-decomposition of about
 * 10 (N−1)³ flops; rows: one per curve point and threshold, one per Kac–Rice configuration and k.
 */
public final class TheoryPlan implements StagePlan {

    static final double EIGEN_FLOPS_PER_CUBE = 10;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.theory() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        TheorySpec t = spec.theory();
        double flops = 0;
        int largest = 1;
        for (int n : t.kacRiceSizes()) {
            flops += (double) t.p().size() * t.kacRiceTheta().size() * t.kacRiceSamples() * EIGEN_FLOPS_PER_CUBE
                    * Math.pow(n - 1.0, 3);
            largest = Math.max(largest, n);
        }
        long grid = t.uGrid().length;
        long configurations = (long) t.p().size() * t.kacRiceSizes().size() * t.kacRiceTheta().size();
        long rows = t.p().size() * (grid * (t.maxK() + 1L) * t.kacRiceTheta().size() + t.maxK() + 1)
                + configurations * (t.maxK() + 1L);
        String summary = String.format("p %s: curves on %d u points, k <= %d; Kac-Rice N %s x theta %s x %d samples",
                t.p(), grid, t.maxK(), t.kacRiceSizes(), t.kacRiceTheta(), t.kacRiceSamples());
        return new StageEstimate("theory", summary, List.of(new Work("Kac-Rice Monte Carlo", flops, Work.Kernel.DENSE,
                largest, 1, 0)), 16L * largest * largest, rows * 60, rows);
    }
}
