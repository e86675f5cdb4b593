package org.losslab.spec;

import java.util.List;

/**
 * The {@code theory:} section (science.md §B): complexity curves Θ_{k,p}(u) on a u grid, thresholds
 * E_0..E_K, and finite-N Kac–Rice Monte Carlo over sizes N and rank-one strengths θ (θ = 0 is ABC's
 * exact identity, θ ≠ 0 the §C.3 (ii) extension).
 */
public record TheorySpec(List<Integer> p, int maxK, double uFrom, double uTo, double uStep,
                         List<Integer> kacRiceSizes, long kacRiceSamples, List<Double> kacRiceTheta) {

    static TheorySpec read(SpecTree t) {
        TheorySpec s = new TheorySpec(
                t.distinct("theory.p", t.integers("theory.p", List.of(3L), 2, 64).stream().map(Long::intValue).toList()),
                (int) t.integer("theory.k_max", 5L, 0, 1000),
                t.number("theory.u_from", -1.70, -100, 100),
                t.number("theory.u_to", 0.0, -100, 100),
                t.number("theory.u_step", 0.005, 1e-6, 100),
                t.distinct("theory.kac_rice.n",
                        t.integers("theory.kac_rice.n", List.of(4L, 8L, 16L, 32L), 2, 5000).stream().map(Long::intValue).toList()),
                t.integer("theory.kac_rice.samples", 20000L, 1, 1_000_000_000),
                t.distinct("theory.kac_rice.theta", t.numbers("theory.kac_rice.theta", List.of(0.0), -1e6, 1e6)));
        for (int n : s.kacRiceSizes) {
            try {
                org.losslab.theory.KacRiceBudget.check(n, s.kacRiceSamples * s.kacRiceTheta.size(), Long.MAX_VALUE);
            } catch (IllegalArgumentException e) {
                throw t.error("theory.kac_rice", e.getMessage());
            }
        }
        if (s.uTo < s.uFrom) {
            throw t.error("theory.u_to", "must not be below theory.u_from");
        }
        if ((s.uTo - s.uFrom) / s.uStep > 1_000_000) {
            throw t.error("theory.u_step", "gives more than 1,000,000 grid points");
        }
        return s;
    }

    /** The u grid from u_from to u_to inclusive. */
    public double[] uGrid() {
        int n = (int) Math.floor((uTo - uFrom) / uStep + 1e-9) + 1;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = uFrom + i * uStep;
        }
        return u;
    }
}
