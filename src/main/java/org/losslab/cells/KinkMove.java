package org.losslab.cells;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2 of science.md §D.3 in closed form: from θ_lin, bend the output on one extreme point so
 * that R̂ drops strictly below R̂_lin* (the minimum is spurious; §D.5 item 2(d)). Two spare
 * first-layer units k1 = d_Y, k2 = d_Y + 1 (k2 only if s− ≠ 0) see p = σ e·x: unit k1 is cut at a threshold t between
 * the largest and second largest p (so it is on the z &gt; 0 piece only on the extreme set S), unit k2
 * is a shifted copy kept on the z &gt; 0 piece. Feeding β(a_k1 − (s−/s+) a_k2) + β s− M into the
 * carrying units cancels the affine part and adds β (s+ − s−) max(p − t, 0): the output moves on S
 * only. β moves S's mean residual r̄_S by the fraction λ (λ = 1 fits it), so the predicted gap is
 * |S|/n · (2λ − λ²) ‖r̄_S‖²; the gap reported is measured by a forward pass. Direction e ranges over
 * the coordinate axes, the rows of W* and x_i − x̄; the one with the largest gap wins.
 */
public record KinkMove(double[] thetaPrime, double riskBefore, double riskAfter, double predictedGap,
                       int extremeSetSize, double lambda, String direction) {

    public double measuredGap() {
        return riskBefore - riskAfter;
    }

    public static KinkMove apply(LinearCellConstruction c) {
        Network net = c.network();
        Dataset data = c.data();
        int[] d = net.widths();
        int dy = data.outputDim();
        int n = data.size();
        double sp = net.activation().slopePositive();
        double sm = net.activation().slopeNegative();
        double[] theta = c.theta();
        double before = net.risk(theta, data);
        if (net.activation().isLinear()) {
            return new KinkMove(theta.clone(), before, before, 0, 0, 0, "none: linear activation has no kink");
        }
        int spare = sm == 0 ? 1 : 2;
        if (d[1] < dy + spare) {
            throw new IllegalArgumentException("cells stage 2: first hidden width " + d[1] + " < d_Y + " + spare
                    + " (spare units for the kink)");
        }
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = net.predict(theta, data.x()[i]);
            for (int k = 0; k < dy; k++) {
                r[i][k] -= data.y()[i][k];
            }
        }
        Candidate best = null;
        for (double[] e : directions(c)) {
            for (int sigma = -1; sigma <= 1; sigma += 2) {
                Candidate cand = Candidate.of(e, sigma, data, r);
                if (cand != null && (best == null || cand.score > best.score)) {
                    best = cand;
                }
            }
        }
        if (best == null || best.score == 0) {
            return new KinkMove(theta.clone(), before, before, 0, 0, 0, "none: no extreme point with non-zero residual");
        }
        int k1 = dy;
        int k2 = dy + 1;
        double minP = Double.POSITIVE_INFINITY;
        for (double p : best.p) {
            minP = Math.min(minP, p);
        }
        double shift = best.t - minP + c.eta();
        double phi = best.pMax - best.t;
        for (double lambda = 1; lambda > 1e-6; lambda /= 2) {
            double[] tp = theta.clone();
            for (int col = 0; col < d[0]; col++) {
                tp[net.weightIndex(0, k1, col)] = best.sigma * best.e[col];
                if (sm != 0) {
                    tp[net.weightIndex(0, k2, col)] = best.sigma * best.e[col];
                }
            }
            tp[net.biasIndex(0, k1)] = -best.t;
            if (sm != 0) {
                tp[net.biasIndex(0, k2)] = -best.t + shift;
            }
            for (int m = 0; m < dy; m++) {
                double gain = 1;
                for (int j = 2; j < net.layers(); j++) {
                    gain *= sp * theta[net.weightIndex(j, m, m)];
                }
                double beta = -lambda * best.meanResidual[m] / (gain * (sp - sm) * phi);
                tp[net.weightIndex(1, m, k1)] += beta;
                if (sm != 0) {
                    tp[net.weightIndex(1, m, k2)] -= beta * sm / sp;
                    tp[net.biasIndex(1, m)] += beta * sm * shift;
                }
            }
            if (onlyUnitK1Bends(net, tp, data, k1)) {
                double after = net.risk(tp, data);
                double predicted = (2 * lambda - lambda * lambda) * best.score / n;
                return new KinkMove(tp, before, after, predicted, best.size, lambda, best.describe());
            }
        }
        return new KinkMove(theta.clone(), before, before, 0, best.size, 0, "none: every step left the carrying cell");
    }

    private static boolean onlyUnitK1Bends(Network net, double[] tp, Dataset data, int k1) {
        ActivationPattern p = net.pattern(tp, data);
        for (int i = 0; i < data.size(); i++) {
            for (int u = 0; u < net.hiddenUnits(); u++) {
                if (u != k1 && !p.isPositive(i, u)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<double[]> directions(LinearCellConstruction c) {
        Dataset data = c.data();
        int dx = data.inputDim();
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < dx; k++) {
            double[] e = new double[dx];
            e[k] = 1;
            out.add(e);
        }
        for (double[] row : c.affineFit().weights()) {
            out.add(row.clone());
        }
        double[] mean = new double[dx];
        for (double[] x : data.x()) {
            for (int k = 0; k < dx; k++) {
                mean[k] += x[k] / data.size();
            }
        }
        for (double[] x : data.x()) {
            double[] e = new double[dx];
            for (int k = 0; k < dx; k++) {
                e[k] = x[k] - mean[k];
            }
            out.add(e);
        }
        return out;
    }

    /** An extreme set S = argmax σ e·x, its threshold t and score |S| ‖r̄_S‖² = n · (gap at λ = 1). */
    private record Candidate(double[] e, int sigma, double[] p, double pMax, double t, int size,
                             double[] meanResidual, double score) {

        static Candidate of(double[] e, int sigma, Dataset data, double[][] r) {
            if (Vectors.norm(e) == 0) {
                return null;
            }
            int n = data.size();
            double[] p = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                p[i] = sigma * Vectors.dot(e, data.x()[i]);
                max = Math.max(max, p[i]);
            }
            double second = Double.NEGATIVE_INFINITY;
            int size = 0;
            double[] mean = new double[r[0].length];
            for (int i = 0; i < n; i++) {
                if (p[i] == max) {
                    size++;
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += r[i][k];
                    }
                } else {
                    second = Math.max(second, p[i]);
                }
            }
            if (second == Double.NEGATIVE_INFINITY) {
                return null;
            }
            for (int k = 0; k < mean.length; k++) {
                mean[k] /= size;
            }
            double norm = Vectors.norm(mean);
            return new Candidate(e, sigma, p, max, 0.5 * (max + second), size, mean, size * norm * norm);
        }

        String describe() {
            return "sigma=" + sigma + " e=" + java.util.Arrays.toString(e.length > 6 ? java.util.Arrays.copyOf(e, 6) : e)
                    + (e.length > 6 ? "…" : "") + " |S|=" + size;
        }
    }
}
