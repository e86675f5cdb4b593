package org.losslab.cells;

import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Seeded initialisation, brief training and random starting points inside a given cell
 * (science.md §D.5 item 4: "≥ 20 starts inside the cell"). A start is the trained θ with every hidden
 * unit rescaled by a random c ∈ [e^{−0.7}, e^{0.7}] (incoming weights × c, outgoing ÷ c: positive
 * homogeneity keeps f and the cell), the output layer multiplied entrywise by e^{U(−0.5,0.5)} and
 * shifted, and a Gaussian perturbation of every parameter whose size is halved until θ is back in
 * the open cell. So starts differ in f, not only in scale.
 */
public final class CellStarts {

    private CellStarts() {
    }

    /** He-style Gaussian initialisation (sd √(2/fan-in)), zero biases. */
    public static double[] heInit(Network net, SplittableRandom rng) {
        int[] d = net.widths();
        double[] theta = new double[net.parameterCount()];
        for (int j = 0; j < net.layers(); j++) {
            double sd = Math.sqrt(2.0 / d[j]);
            for (int r = 0; r < d[j + 1]; r++) {
                for (int c = 0; c < d[j]; c++) {
                    theta[net.weightIndex(j, r, c)] = sd * rng.nextGaussian();
                }
                theta[net.biasIndex(j, r)] = 0.1 * rng.nextGaussian();
            }
        }
        return theta;
    }

    /** Brief full-batch gradient descent (Armijo steps) on the network risk. */
    public static double[] train(Network net, Dataset data, double[] theta, int steps) {
        return Descent.run(t -> net.gradient(t, data), theta, null, steps, 0).theta();
    }

    /** A random point of the open cell {@code inCell} near θ (which must be in it). */
    public static double[] randomStart(Network net, double[] theta, SplittableRandom rng, Predicate<double[]> inCell) {
        int[] d = net.widths();
        double[] base = theta.clone();
        for (int j = 0; j < net.layers() - 1; j++) {
            for (int u = 0; u < d[j + 1]; u++) {
                double c = Math.exp(1.4 * rng.nextDouble() - 0.7);
                for (int k = 0; k < d[j]; k++) {
                    base[net.weightIndex(j, u, k)] *= c;
                }
                base[net.biasIndex(j, u)] *= c;
                for (int r = 0; r < d[j + 2]; r++) {
                    base[net.weightIndex(j + 1, r, u)] /= c;
                }
            }
        }
        int out = net.layers() - 1;
        for (int r = 0; r < d[out + 1]; r++) {
            for (int c = 0; c < d[out]; c++) {
                base[net.weightIndex(out, r, c)] *= Math.exp(rng.nextDouble() - 0.5);
            }
            base[net.biasIndex(out, r)] += 0.5 * rng.nextGaussian();
        }
        if (!inCell.test(base)) {
            throw new IllegalStateException("rescaled start left the cell: the cell test is not scale invariant");
        }
        double rms = Vectors.norm(base) / Math.sqrt(base.length);
        double[] noise = new double[base.length];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = rng.nextGaussian();
        }
        for (double rho = 0.3 * rms; rho > 1e-12 * rms; rho /= 2) {
            double[] cand = Vectors.axpy(base, rho, noise);
            if (inCell.test(cand)) {
                return cand;
            }
        }
        return base;
    }
}
