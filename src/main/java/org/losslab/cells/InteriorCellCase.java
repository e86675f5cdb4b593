package org.losslab.cells;

import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * A one-hidden-layer cell whose convex optimum is interior, so that the in-cell theorem (science.md §D.4,
 * §D.5 item 4, finding F11) is actually tested: a trained network's cell usually has its optimum on the
 * boundary (the open cell then holds no minimum, and {@link InCellOptimality} reports the certificate vacuous).
 * Construction: a teacher network f* with {@value #UNITS} units on 2-D inputs, its hyperplanes through the
 * square at spread-out angles; inputs x ~ U[−1,1]² kept only if every pre-activation is at least
 * {@value #MARGIN} from its kink; targets y = f*(x) + {@value #NOISE}·ε. The teacher's cell then contains the
 * least-squares optimum of its own linear-in-v program (the noise moves v by far less than the margin, which the
 * certificate checks: zero active constraints), and every descent started inside the cell must reach it, the
 * one that refuses to leave the open cell included.
 */
public final class InteriorCellCase {

    static final int UNITS = 4;
    static final double MARGIN = 0.2;
    static final double NOISE = 0.01;
    static final double WEIGHT_NORM = 2.0;

    private InteriorCellCase() {
    }

    /** The teacher's parameters in {@link Network}'s layout for widths {2, UNITS, 1}. */
    static double[] teacher(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "cells/in-cell/interior/teacher"));
        double[] theta = new double[net.parameterCount()];
        for (int j = 0; j < UNITS; j++) {
            double angle = Math.PI * j / UNITS + rng.nextDouble() * Math.PI / (2 * UNITS);
            theta[net.weightIndex(0, j, 0)] = WEIGHT_NORM * Math.cos(angle);
            theta[net.weightIndex(0, j, 1)] = WEIGHT_NORM * Math.sin(angle);
            theta[net.biasIndex(0, j)] = 0.4 * (2 * rng.nextDouble() - 1);   // hyperplane within 0.2 of the origin
            theta[net.weightIndex(1, 0, j)] = (j % 2 == 0 ? 1 : -1) * (0.5 + rng.nextDouble());
        }
        theta[net.biasIndex(1, 0)] = 0.1;
        return theta;
    }

    /** n inputs at least MARGIN from every kink of the teacher, with noisy teacher targets. */
    static Dataset data(Network net, double[] teacher, long seed, int n) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "cells/in-cell/interior/data"));
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        int kept = 0;
        for (long tries = 0; kept < n && tries < 1000L * n; tries++) {
            double[] p = {2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1};
            double noise = rng.nextGaussian();
            if (minMargin(net, teacher, p) >= MARGIN) {
                x[kept] = p;
                y[kept++] = new double[] {net.predict(teacher, p)[0] + NOISE * noise};
            }
        }
        if (kept < n) {
            throw new IllegalStateException("teacher data: only " + kept + " of " + n + " points clear the margin");
        }
        return Dataset.of("teacher2d(n=" + n + ",units=" + UNITS + ",seed=" + seed + ")", x, y);
    }

    private static double minMargin(Network net, double[] theta, double[] x) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < UNITS; j++) {
            double z = theta[net.biasIndex(0, j)] + theta[net.weightIndex(0, j, 0)] * x[0]
                    + theta[net.weightIndex(0, j, 1)] * x[1];
            min = Math.min(min, Math.abs(z));
        }
        return min;
    }

    /** The certificate of the teacher's cell on n generated points (name e.g. {@code in-cell-1-hidden-interior}). */
    public static CertificateResult certify(String name, int n, TwoPieceActivation h, InCellOptimality.Options o) {
        if (n < 4 * (3 * UNITS + 1)) {
            throw new IllegalArgumentException("cells interior case: needs at least " + 4 * (3 * UNITS + 1) + " points, got " + n);
        }
        long start = System.nanoTime();
        Network net = new Network(new int[] {2, UNITS, 1}, h, Loss.SQUARED);
        double[] teacher = teacher(net, o.seed());
        Dataset data = data(net, teacher, o.seed(), n);
        return InCellOptimality.certify(name, "science.md §D.4, §D.5 item 4; F11 (constructed interior optimum)", data, net,
                teacher, o, "cells/in-cell/interior/start", true, start);
    }
}
