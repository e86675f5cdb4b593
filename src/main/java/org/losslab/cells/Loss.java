package org.losslab.cells;

import org.losslab.math.LogSumExp;

/**
 * Per-sample loss ℓ(f, y) with its gradient and Hessian–vector product in the prediction f
 * (science.md §D.2: ℓ is C¹; both losses here are C^∞ and convex in f). The empirical risk is
 * R̂ = (1/n) Σ ℓ(f(x_i), y_i).
 */
public enum Loss {
    /** ℓ = Σ_k (f_k − y_k)², no factor ½. */
    SQUARED {
        @Override
        public double value(double[] f, double[] y) {
            double s = 0;
            for (int k = 0; k < f.length; k++) {
                double r = f[k] - y[k];
                s += r * r;
            }
            return s;
        }

        @Override
        public void gradient(double[] f, double[] y, double scale, double[] out) {
            for (int k = 0; k < f.length; k++) {
                out[k] = 2 * scale * (f[k] - y[k]);
            }
        }

        @Override
        public void hessianVector(double[] f, double[] y, double[] v, double scale, double[] out) {
            for (int k = 0; k < f.length; k++) {
                out[k] = 2 * scale * v[k];
            }
        }
    },
    /** Softmax cross-entropy ℓ = −Σ_k y_k log softmax(f)_k; y is a (possibly unnormalised) target. */
    CROSS_ENTROPY {
        @Override
        public double value(double[] f, double[] y) {
            double lse = LogSumExp.of(f);
            double s = 0;
            for (int k = 0; k < f.length; k++) {
                s -= y[k] * (f[k] - lse);
            }
            return s;
        }

        @Override
        public void gradient(double[] f, double[] y, double scale, double[] out) {
            double[] p = softmax(f);
            double sy = sum(y);
            for (int k = 0; k < f.length; k++) {
                out[k] = scale * (sy * p[k] - y[k]);
            }
        }

        @Override
        public void hessianVector(double[] f, double[] y, double[] v, double scale, double[] out) {
            double[] p = softmax(f);
            double sy = sum(y);
            double pv = 0;
            for (int k = 0; k < f.length; k++) {
                pv += p[k] * v[k];
            }
            for (int k = 0; k < f.length; k++) {
                out[k] = scale * sy * p[k] * (v[k] - pv);
            }
        }
    };

    public abstract double value(double[] f, double[] y);

    /** out = scale · ∂ℓ/∂f. */
    public abstract void gradient(double[] f, double[] y, double scale, double[] out);

    /** out = scale · (∂²ℓ/∂f²) v. */
    public abstract void hessianVector(double[] f, double[] y, double[] v, double scale, double[] out);

    static double[] softmax(double[] f) {
        double lse = LogSumExp.of(f);
        double[] p = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            p[k] = Math.exp(f[k] - lse);
        }
        return p;
    }

    private static double sum(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s;
    }
}
