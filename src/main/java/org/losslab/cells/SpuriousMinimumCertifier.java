package org.losslab.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * Certifies that a Stage-1 point is a spurious local minimum (science.md §D.5 item 2 (a)–(d), finding
 * F9): (a) it lies in an open cell with every hidden pre-activation &gt; 1; (b) ‖∇R̂‖ &lt; 1e−8 and
 * |R̂ − R̂_lin*| ≤ 1e−10; (c) random in-cell perturbations of size 1e−4..1e−2 never lower R̂ by more
 * than 1e−12 and the exact Hessian has eigenvalues ≥ −1e−8; (d) the Stage-2 {@link KinkMove} gives a
 * strictly lower risk (gap &gt; 1e−10). Assumption (i) of §D.3 (R̂_lin* &gt; 0) is checked too. A point
 * that is not a minimum fails (b) or (c); a point at another critical value fails (b).
 */
public final class SpuriousMinimumCertifier {

    public static final double GRADIENT_TOL = 1e-8;
    public static final double RISK_TOL = 1e-10;
    public static final double DECREASE_TOL = 1e-12;
    public static final double HESSIAN_TOL = -1e-8;
    public static final double GAP_TOL = 1e-10;
    public static final double MIN_PREACTIVATION = 1.0;

    /** Perturbation count, size range (log-uniform, Euclidean norm of δ) and seed. */
    public record Options(int perturbations, double minSize, double maxSize, long seed) {
        public Options {
            if (perturbations < 1 || !(minSize > 0) || !(maxSize >= minSize)) {
                throw new IllegalArgumentException("cells certificate: need perturbations ≥ 1 and 0 < minSize ≤ maxSize, got "
                        + perturbations + ", " + minSize + ", " + maxSize);
            }
        }

        public static Options defaults(long seed) {
            return new Options(10_000, 1e-4, 1e-2, seed);
        }
    }

    private SpuriousMinimumCertifier() {
    }

    public static CertificateResult certify(String name, LinearCellConstruction c, Options o) {
        long start = System.nanoTime();
        Network net = c.network();
        Dataset data = c.data();
        double[] theta = c.theta();
        Network.Evaluation ev = net.evaluate(theta, data);
        double risk = ev.risk();
        double linRisk = c.affineFit().risk();
        double gradNorm = net.gradient(theta, data).gradientNorm();

        SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), "cells/perturbations"));
        int inCell = 0;
        double minDelta = Double.POSITIVE_INFINITY;
        double logMin = Math.log(o.minSize());
        double logMax = Math.log(o.maxSize());
        for (int t = 0; t < o.perturbations(); t++) {
            double[] dir = new double[theta.length];
            for (int k = 0; k < dir.length; k++) {
                dir[k] = rng.nextGaussian();
            }
            double size = Math.exp(logMin + (logMax - logMin) * rng.nextDouble());
            double[] moved = Vectors.axpy(theta, size / Vectors.norm(dir), dir);
            Network.Evaluation pe = net.evaluate(moved, data);
            if (pe.pattern().isOpen() && pe.pattern().equals(ev.pattern())) {
                inCell++;
                minDelta = Math.min(minDelta, pe.risk() - risk);
            }
        }
        double maxDecrease = inCell == 0 ? Double.NaN : Math.max(0, -minDelta);
        double[] eig = NetworkHessian.eigenvalues(NetworkHessian.hessian(net, theta, data));
        KinkMove move = KinkMove.apply(c);

        Map<String, Double> m = new LinkedHashMap<>();
        m.put("affine_risk", linRisk);
        m.put("risk", risk);
        m.put("risk_minus_affine", risk - linRisk);
        m.put("gradient_norm", gradNorm);
        m.put("min_preactivation", ev.pattern().minAbsPreactivation());
        m.put("perturbations", (double) o.perturbations());
        m.put("perturbations_in_cell", (double) inCell);
        m.put("min_risk_change_in_cell", minDelta);
        m.put("max_risk_decrease_in_cell", maxDecrease);
        m.put("hessian_min_eigenvalue", eig[0]);
        m.put("hessian_max_eigenvalue", eig[eig.length - 1]);
        m.put("parameters", (double) theta.length);
        m.put("stage2_risk", move.riskAfter());
        m.put("stage2_gap", move.measuredGap());
        m.put("stage2_predicted_gap", move.predictedGap());
        m.put("stage2_extreme_set_size", (double) move.extremeSetSize());
        m.put("stage2_lambda", move.lambda());

        List<Check> checks = new ArrayList<>();
        checks.add(Check.greaterThan("assumption_affine_risk_positive", linRisk, RISK_TOL));
        checks.add(Check.greaterThan("a_min_preactivation", ev.pattern().minAbsPreactivation(), MIN_PREACTIVATION));
        checks.add(Check.lessThan("b_gradient_norm", gradNorm, GRADIENT_TOL));
        checks.add(Check.atMost("b_risk_equals_affine", Math.abs(risk - linRisk), RISK_TOL));
        checks.add(Check.atLeast("c_perturbations_in_cell_fraction", inCell / (double) o.perturbations(), 0.5));
        checks.add(new Check("c_max_risk_decrease_in_cell", maxDecrease, "<=", DECREASE_TOL,
                inCell > 0 && maxDecrease <= DECREASE_TOL));
        checks.add(Check.atLeast("c_hessian_min_eigenvalue", eig[0], HESSIAN_TOL));
        checks.add(Check.greaterThan("d_strictly_better_gap", move.measuredGap(), GAP_TOL));

        Map<String, String> s = new LinkedHashMap<>();
        s.put("data", data.name());
        s.put("widths", java.util.Arrays.toString(net.widths()));
        s.put("activation", net.activation().name());
        s.put("loss", net.loss().name());
        s.put("eta", Double.toString(c.eta()));
        s.put("scales", java.util.Arrays.toString(c.scales()));
        s.put("perturbation_sizes", o.minSize() + ".." + o.maxSize());
        s.put("seed", Long.toString(o.seed()));
        s.put("stage2_direction", move.direction());
        return new CertificateResult(name, "science.md §D.5 item 2; F9", s, m, checks,
                (System.nanoTime() - start) / 1_000_000);
    }
}
