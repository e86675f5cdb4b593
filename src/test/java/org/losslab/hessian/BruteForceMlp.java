package org.losslab.hessian;

import java.util.Arrays;
import org.losslab.training.PreparedData;

/**
 * The network evaluated row by row with scalar loops, indexing parameters through
 * {@link MlpShape#index} only: an independent reference for the DGEMM kernels on small cases.
 */
final class BruteForceMlp {

    private BruteForceMlp() {
    }

    /** Pre-activations of every layer for one row: z[l] for l = 1..L. */
    static double[][] preActivations(MlpShape s, double[] theta, float[] x, int offset) {
        int layers = s.layers();
        double[][] z = new double[layers + 1][];
        double[] a = new double[s.features()];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[offset + i];
        }
        for (int l = 1; l <= layers; l++) {
            int in = s.size(l - 1);
            z[l] = new double[s.size(l)];
            for (int j = 0; j < z[l].length; j++) {
                double v = theta[s.index(l, in, j)];
                for (int k = 0; k < in; k++) {
                    v += theta[s.index(l, k, j)] * a[k];
                }
                z[l][j] = v;
            }
            a = Arrays.stream(z[l]).map(v -> v > 0 ? v : 0).toArray();
        }
        return z;
    }

    static double loss(MlpShape s, double[] theta, PreparedData d) {
        double sum = 0;
        for (int i = 0; i < d.trainCount(); i++) {
            double[] z = preActivations(s, theta, d.trainX(), i * d.features())[s.layers()];
            double max = Arrays.stream(z).max().orElseThrow();
            double e = 0;
            for (double v : z) {
                e += Math.exp(v - max);
            }
            sum += max + Math.log(e) - z[d.trainY()[i]];
        }
        return sum / d.trainCount();
    }

    /** Which hidden units are active (z > 0) on which rows, flattened. */
    static boolean[] pattern(MlpShape s, double[] theta, PreparedData d) {
        int per = 0;
        for (int l = 1; l < s.layers(); l++) {
            per += s.size(l);
        }
        boolean[] p = new boolean[per * d.trainCount()];
        int at = 0;
        for (int i = 0; i < d.trainCount(); i++) {
            double[][] z = preActivations(s, theta, d.trainX(), i * d.features());
            for (int l = 1; l < s.layers(); l++) {
                for (double v : z[l]) {
                    p[at++] = v > 0;
                }
            }
        }
        return p;
    }

    /** No unit changes sides anywhere on the segment's ends θ ± h·v (the loss is smooth there, bar a kink between). */
    static boolean samePattern(MlpShape s, double[] theta, double[] v, double h, PreparedData d) {
        boolean[] here = pattern(s, theta, d);
        return Arrays.equals(here, pattern(s, HessianFixtures.axpy(theta, h, v), d))
                && Arrays.equals(here, pattern(s, HessianFixtures.axpy(theta, -h, v), d));
    }
}
