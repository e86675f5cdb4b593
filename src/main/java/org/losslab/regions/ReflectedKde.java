package org.losslab.regions;


/**
 * Gaussian kernel density estimate of a {@link LatticeSample} on [0, 1] with reflection at both ends
 * (science.md §C.4: R is bounded, so mass leaking past 0 or 1 is folded back).
 *
 * <p>Bandwidth: Scott's rule as in {@code scipy.stats.gaussian_kde}: {@code h = s · m^{−1/5}} with s
 * the sample sd (divisor m − 1) and m the sample size. Reflection uses <i>all</i> mirror images
 * {@code ±v + 2j} (the Neumann heat kernel on [0, 1]), truncated where they add less than
 * {@code φ(9)}; every kernel then integrates to 1 on [0, 1], so the curve does too.
 */
final class ReflectedKde {

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private ReflectedKde() {
    }

    static KdeCurve estimate(LatticeSample s, int gridPoints) {
        if (gridPoints < 2) {
            throw new IllegalArgumentException("kde grid points: must be >= 2, got " + gridPoints);
        }
        double[] x = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            x[i] = (double) i / (gridPoints - 1);
        }
        double[] density = new double[gridPoints];
        long m = s.count();
        double var1 = m < 2 ? Double.NaN : s.centralMoment(2) * m / (m - 1);
        double h = Math.sqrt(var1) * Math.pow(m, -0.2);
        if (!(h > 0)) {
            java.util.Arrays.fill(density, Double.NaN);
            return new KdeCurve(x, density, m < 2 ? Double.NaN : 0.0);
        }
        int images = 1 + (int) Math.ceil(4.5 * h);
        long[] hist = s.histogram();
        int t = s.trials();
        for (int k = 0; k <= t; k++) {
            if (hist[k] == 0) {
                continue;
            }
            double v = (double) k / t;
            double w = hist[k] / (m * h) * INV_SQRT_2PI;
            for (int i = 0; i < gridPoints; i++) {
                double acc = 0;
                for (int j = -images; j <= images; j++) {
                    double a = (x[i] - v - 2 * j) / h;
                    double b = (x[i] + v - 2 * j) / h;
                    acc += Math.exp(-0.5 * a * a) + Math.exp(-0.5 * b * b);
                }
                density[i] += w * acc;
            }
        }
        return new KdeCurve(x, density, h);
    }
}
