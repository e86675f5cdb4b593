package org.losslab.theory;

import java.util.SplittableRandom;


/**
 * The pure spherical p-spin Hamiltonian in ABC's normalization (science.md §1):
 * {@code H(σ) = N^{−(p−1)/2} Σ J_{i1…ip} σ_{i1}⋯σ_{ip}} on {@code ‖σ‖² = N}, J i.i.d. N(0,1) over all
 * ordered p-tuples. Derivatives use the symmetrized tensor (science.md §B.8 item 5):
 * {@code ∇H = p J_sym(·,σ,…,σ)/N^{(p−1)/2}}, {@code ∇²H = p(p−1) J_sym(·,·,σ,…)/N^{(p−1)/2}}.
 * Dense N^p storage: meant for the small sizes of the enumeration oracle (N ≤ 8) and for tests;
 * the large-N descent uses {@link SphericalDescentBlock}.
 */
public final class SphericalPSpin {

    /** Largest tensor held in memory here (N^p doubles). */
    public static final long MAX_ENTRIES = 50_000_000L;

    private final int p;
    private final int n;
    private final double[] sym;
    private final double scale;

    /** Couplings J drawn in row-major order of (i1,…,ip) from {@code SplittableRandom(seed)}. */
    public static SphericalPSpin sample(int p, int n, long seed) {
        long size = entries(p, n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] j = new double[(int) size];
        for (int i = 0; i < j.length; i++) {
            j[i] = rng.nextGaussian();
        }
        return new SphericalPSpin(p, n, j);
    }

    /** @param couplings the ordered tensor J in row-major order, length N^p (not retained) */
    public SphericalPSpin(int p, int n, double[] couplings) {
        long size = entries(p, n);
        if (couplings.length != size) {
            throw new IllegalArgumentException("couplings must hold N^p = " + size + " values, got " + couplings.length);
        }
        this.p = p;
        this.n = n;
        this.scale = Math.pow(n, -(p - 1) / 2.0);
        this.sym = symmetrize(couplings, p, n);
    }

    private static long entries(int p, int n) {
        SpinGlassComplexity.checkP(p);
        if (n < 2) {
            throw new IllegalArgumentException("N must be >= 2, got " + n);
        }
        double size = Math.pow(n, p);
        if (size > MAX_ENTRIES) {
            throw new IllegalArgumentException("N^p = " + (long) size + " exceeds " + MAX_ENTRIES + " couplings (N=" + n + ", p=" + p + ")");
        }
        return (long) size;
    }

    /** Average of J over all p! permutations of its positions. */
    private static double[] symmetrize(double[] j, int p, int n) {
        int[][] perms = Permutations.all(p);
        double[] out = new double[j.length];
        int[] idx = new int[p];
        for (int flat = 0; flat < j.length; flat++) {
            int rest = flat;
            for (int m = p - 1; m >= 0; m--) {
                idx[m] = rest % n;
                rest /= n;
            }
            double acc = 0.0;
            for (int[] perm : perms) {
                int f = 0;
                for (int m = 0; m < p; m++) {
                    f = f * n + idx[perm[m]];
                }
                acc += j[f];
            }
            out[flat] = acc / perms.length;
        }
        return out;
    }

    public int p() {
        return p;
    }

    public int n() {
        return n;
    }

    /** {@code J_sym(·,·,σ,…,σ)} as an N×N matrix (p−2 contractions of the last index). */
    public double[][] contractToMatrix(double[] sigma) {
        double[] cur = sym;
        int len = sym.length;
        for (int m = p; m > 2; m--) {
            len /= n;
            double[] next = new double[len];
            for (int i = 0; i < len; i++) {
                double acc = 0.0;
                int base = i * n;
                for (int k = 0; k < n; k++) {
                    acc += cur[base + k] * sigma[k];
                }
                next[i] = acc;
            }
            cur = next;
        }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cur, i * n, q[i], 0, n);
        }
        return q;
    }

    /** One evaluation of value, gradient and Hessian at σ (any σ, on the sphere or not). */
    public Derivatives derivatives(double[] sigma) {
        double[][] q = contractToMatrix(sigma);
        double[] grad = new double[n];
        double[][] hess = new double[n][n];
        double value = 0.0;
        for (int i = 0; i < n; i++) {
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                acc += q[i][j] * sigma[j];
                hess[i][j] = p * (p - 1.0) * scale * q[i][j];
            }
            grad[i] = p * scale * acc;
            value += scale * acc * sigma[i];
        }
        return new Derivatives(value, grad, hess);
    }

    public double energy(double[] sigma) {
        return derivatives(sigma).value();
    }

    /** Projection of ∇H on the tangent space σ^⊥ of the sphere ‖σ‖² = N. */
    public double[] riemannianGradient(double[] sigma) {
        double[] g = derivatives(sigma).gradient();
        double mu = dot(g, sigma) / dot(sigma, sigma);
        for (int i = 0; i < n; i++) {
            g[i] -= mu * sigma[i];
        }
        return g;
    }

    /** Riemannian Hessian {@code Vᵀ(∇²H − μI)V}, μ = ∇H·σ/N, in the tangent basis of {@link TangentSpace}. */
    public double[][] riemannianHessian(double[] sigma) {
        Derivatives d = derivatives(sigma);
        return TangentSpace.restrict(d.hessian(), sigma, dot(d.gradient(), sigma) / n);
    }

    /** Number of negative eigenvalues of the Riemannian Hessian (the index, science.md §1). */
    public int index(double[] sigma) {
        Derivatives d = derivatives(sigma);
        return TangentSpace.index(d.hessian(), sigma, dot(d.gradient(), sigma) / n);
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** H(σ), Euclidean ∇H(σ) and ∇²H(σ). */
    public record Derivatives(double value, double[] gradient, double[][] hessian) {
    }
}
