package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic inputs for the verdict tests: runs of one width, spin-glass samples, helpers. */
final class Synthetic {

    static final ComparisonSettings SETTINGS = ComparisonSettings.defaults(20150101L);

    private Synthetic() {
    }

    /** Runs whose (train, test) are bivariate normal with correlation rho, test sd {@code sd} about 0.5. */
    static RunLosses runs(int width, int n, double rho, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] train = new double[n];
        double[] test = new double[n];
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            double b = rho * a + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
            train[i] = 0.3 + 0.05 * a;
            test[i] = 0.5 + sd * b;
            keys.add(String.format("w%d/restart-%04d", width, i));
        }
        return new RunLosses(width, keys, train, test, "synthetic");
    }

    /** n standard normal draws from a seeded stream. */
    static double[] normal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian();
        }
        return z;
    }

    static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    static Comparison find(List<Comparison> rows, String statistic, String subject) {
        return rows.stream().filter(c -> c.statistic().equals(statistic) && c.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + statistic + " / " + subject + " in "
                        + rows.stream().map(c -> c.statistic() + " / " + c.subject()).toList()));
    }
}
