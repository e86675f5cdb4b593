package org.losslab.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The valley of constructed minima (science.md §D.3 "Valley", §D.5 item 3, finding F10): the path
 * θ(t) = Stage-1 construction at η(t) = (1−t)η₀ + tη₁ and scales(t) = scales₀^{1−t} scales₁^t
 * (geometric, so they stay positive), t ∈ [0,1], sampled at {@code points} values. Every θ(t) is an
 * affine-optimal point of the all-positive cell, so R̂ must stay equal to R̂(θ(0)) to 1e−10 and the
 * pattern must never change; the gradient along the path is reported too. The two ends are
 * different points (their distance is reported and must be &gt; 0).
 */
public final class Valley {

    public static final double FLATNESS_TOL = 1e-10;

    private Valley() {
    }

    /** The path point θ(t). */
    public static double[] pointAt(Network net, Dataset data, AffineFit fit, double eta0, double[] scales0,
                                   double eta1, double[] scales1, double t) {
        double[] s = new double[scales0.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.exp((1 - t) * Math.log(scales0[k]) + t * Math.log(scales1[k]));
        }
        return LinearCellConstruction.build(net, data, fit, (1 - t) * eta0 + t * eta1, s).theta();
    }

    /** Certifies the construction path between (η₀, scales₀) and (η₁, scales₁). */
    public static CertificateResult certify(String name, Network net, Dataset data, double eta0, double[] scales0,
                                            double eta1, double[] scales1, int points) {
        AffineFit fit = AffineFit.leastSquares(data);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("path", "construction(eta(t), scales(t))");
        s.put("eta", eta0 + "->" + eta1);
        s.put("scales", java.util.Arrays.toString(scales0) + "->" + java.util.Arrays.toString(scales1));
        return certifyPath(name, net, data, fit, t -> pointAt(net, data, fit, eta0, scales0, eta1, scales1, t), points, s);
    }

    /**
     * Certifies any path t ↦ θ(t) on [0,1] (e.g. the straight chord between two minima, which is
     * not flat when the scales differ: a negative control showing the check can fail).
     */
    public static CertificateResult certifyPath(String name, Network net, Dataset data, AffineFit fit,
                                                DoubleFunction<double[]> path, int points, Map<String, String> settings) {
        if (points < 2) {
            throw new IllegalArgumentException("cells valley: need at least 2 path points, got " + points);
        }
        long start = System.nanoTime();
        double[] theta0 = path.apply(0);
        Network.Evaluation e0 = net.evaluate(theta0, data);
        double maxDev = 0;
        double maxGrad = 0;
        double minMargin = Double.POSITIVE_INFINITY;
        double length = 0;
        int patternChanges = 0;
        double[] prev = theta0;
        double[] last = theta0;
        for (int k = 0; k < points; k++) {
            double t = k / (double) (points - 1);
            double[] th = path.apply(t);
            Network.Evaluation e = net.evaluate(th, data);
            maxDev = Math.max(maxDev, Math.abs(e.risk() - e0.risk()));
            if (!e.pattern().isOpen() || !e.pattern().equals(e0.pattern())) {
                patternChanges++;
            }
            minMargin = Math.min(minMargin, e.pattern().minAbsPreactivation());
            maxGrad = Math.max(maxGrad, net.gradient(th, data).gradientNorm());
            length += Vectors.distance(prev, th);
            prev = th;
            last = th;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("risk_at_start", e0.risk());
        m.put("affine_risk", fit.risk());
        m.put("max_abs_risk_deviation", maxDev);
        m.put("pattern_changes", (double) patternChanges);
        m.put("min_preactivation_on_path", minMargin);
        m.put("max_gradient_norm_on_path", maxGrad);
        m.put("endpoint_distance", Vectors.distance(theta0, last));
        m.put("path_length", length);
        m.put("points", (double) points);
        List<Check> checks = new ArrayList<>();
        checks.add(Check.lessThan("max_abs_risk_deviation", maxDev, FLATNESS_TOL));
        checks.add(Check.atMost("pattern_changes", patternChanges, 0));
        checks.add(Check.greaterThan("endpoint_distance", Vectors.distance(theta0, last), 0));
        checks.add(Check.lessThan("max_gradient_norm_on_path", maxGrad, SpuriousMinimumCertifier.GRADIENT_TOL));
        Map<String, String> s = new LinkedHashMap<>();
        s.put("data", data.name());
        s.put("widths", java.util.Arrays.toString(net.widths()));
        s.put("activation", net.activation().name());
        s.putAll(settings);
        s.put("points", Integer.toString(points));
        return new CertificateResult(name, "science.md §D.5 item 3; F10", s, m, checks, (System.nanoTime() - start) / 1_000_000);
    }
}
