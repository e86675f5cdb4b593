package org.losslab.activations;

import java.util.Arrays;
import java.util.Objects;


/**
 * A piecewise-linear activation with L pieces (science.md §C.2): breakpoints
 * {@code a_1 < … < a_{L−1}} and {@code f̂(z) = α_ℓ z + β_ℓ} for {@code z ∈ (a_{ℓ−1}, a_ℓ]},
 * with {@code a_0 = −∞} and {@code a_L = +∞}.
 *
 * <p><b>Indexing.</b> In code pieces are <b>0-based</b>: {@link #piece(double)} returns
 * {@code 0..L−1} and the arrays {@link #slopes()}/{@link #intercepts()} are indexed the same way.
 * Reports and SQL number pieces <b>1..L</b> as the paper does: report piece = code piece + 1.
 * A pre-activation exactly at a breakpoint {@code a_ℓ} belongs to the piece on its left
 * (the half-open convention {@code (a_{ℓ−1}, a_ℓ]}), so ReLU(0) is in piece 1 ("off").
 *
 * <p>Immutable and thread-safe. The function need not be continuous.
 */
public final class PiecewiseLinear {

    private final String name;
    private final double[] breakpoints;
    private final double[] slopes;
    private final double[] intercepts;
    private final float[] floatBreakpoints;

    /**
     * @param name        short identifier used in reports (e.g. {@code relu}, {@code tanh-pl5})
     * @param breakpoints strictly increasing, finite, length L−1 (may be empty only if L = 1)
     * @param slopes      α_ℓ, length L, finite
     * @param intercepts  β_ℓ, length L, finite
     * @throws IllegalArgumentException naming the argument and the problem
     */
    public PiecewiseLinear(String name, double[] breakpoints, double[] slopes, double[] intercepts) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("activation name: must be non-empty");
        }
        if (breakpoints == null || slopes == null || intercepts == null) {
            throw new IllegalArgumentException("activation '" + name + "': breakpoints, slopes and intercepts must all be given");
        }
        if (slopes.length < 1) {
            throw new IllegalArgumentException("activation '" + name + "': slopes must have at least one piece");
        }
        if (slopes.length != intercepts.length || breakpoints.length != slopes.length - 1) {
            throw new IllegalArgumentException("activation '" + name + "': lengths do not match: " + breakpoints.length
                    + " breakpoints need " + (breakpoints.length + 1) + " slopes and intercepts, got "
                    + slopes.length + " slopes and " + intercepts.length + " intercepts");
        }
        checkFinite(name, "breakpoints", breakpoints);
        checkFinite(name, "slopes", slopes);
        checkFinite(name, "intercepts", intercepts);
        for (int k = 1; k < breakpoints.length; k++) {
            if (!(breakpoints[k] > breakpoints[k - 1])) {
                throw new IllegalArgumentException("activation '" + name + "': breakpoints must be strictly increasing, but a_"
                        + k + " = " + breakpoints[k - 1] + " >= a_" + (k + 1) + " = " + breakpoints[k]);
            }
        }
        if (slopes.length > 127) {
            throw new IllegalArgumentException("activation '" + name + "': at most 127 pieces are supported, got " + slopes.length);
        }
        this.name = name;
        this.breakpoints = breakpoints.clone();
        this.slopes = slopes.clone();
        this.intercepts = intercepts.clone();
        this.floatBreakpoints = new float[breakpoints.length];
        for (int k = 0; k < breakpoints.length; k++) {
            floatBreakpoints[k] = (float) breakpoints[k];
        }
    }

    private static void checkFinite(String name, String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("activation '" + name + "': " + what + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    /** ReLU: L = 2, a_1 = 0, α = (0, 1), β = (0, 0) (§C.2). */
    public static PiecewiseLinear relu() {
        return new PiecewiseLinear("relu", new double[] {0}, new double[] {0, 1}, new double[] {0, 0});
    }

    /** Leaky ReLU with negative slope s: α = (s, 1), β = (0, 0) (§C.2). */
    public static PiecewiseLinear leakyRelu(double s) {
        return new PiecewiseLinear("leaky-relu(" + s + ")", new double[] {0}, new double[] {s, 1}, new double[] {0, 0});
    }

    /** HardTanh: L = 3, a = (−1, 1), α = (0, 1, 0), β = (−1, 0, 1) (§C.2). */
    public static PiecewiseLinear hardTanh() {
        return new PiecewiseLinear("hardtanh", new double[] {-1, 1}, new double[] {0, 1, 0}, new double[] {-1, 0, 1});
    }

    public String name() {
        return name;
    }

    /** Number of pieces L. */
    public int pieces() {
        return slopes.length;
    }

    /** Breakpoints a_1..a_{L−1} (a copy). */
    public double[] breakpoints() {
        return breakpoints.clone();
    }

    /** Slopes α, 0-based by piece (a copy). */
    public double[] slopes() {
        return slopes.clone();
    }

    /** Intercepts β, 0-based by piece (a copy). */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /**
     * 0-based piece of z: the number of breakpoints strictly below z, i.e. r(z) − 1 with
     * r(z) = ℓ iff z ∈ (a_{ℓ−1}, a_ℓ] (§C.2). NaN is placed in the last piece (NaN > a is false for
     * every a, so it would otherwise silently land in piece 0); callers should not feed NaN.
     */
    public int piece(double z) {
        if (Double.isNaN(z)) {
            return breakpoints.length;
        }
        int lo = 0;
        int hi = breakpoints.length; // answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (z > breakpoints[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * 0-based piece of a float pre-activation, compared with the breakpoints rounded to float: the
     * comparison ND4J makes for a float array, so float networks, the DL4J activation and the
     * sampler agree on every value (they differ from {@link #piece(double)} only for breakpoints that
     * are not floats, and only for z equal to the rounded breakpoint). NaN goes to the last piece.
     */
    public int pieceOfFloat(float z) {
        if (z != z) {
            return floatBreakpoints.length;
        }
        int p = 0;
        while (p < floatBreakpoints.length && z > floatBreakpoints[p]) {
            p++;
        }
        return p;
    }

    /** f̂(z). */
    public double value(double z) {
        int p = piece(z);
        return slopes[p] * z + intercepts[p];
    }

    /** f̂′(z) = α_{r(z)}; at a breakpoint this is the slope of the left piece (the one z belongs to). */
    public double derivative(double z) {
        return slopes[piece(z)];
    }

    /** ᾱ = Σ ρ_ℓ α_ℓ for occupancies ρ (§C.3 item 2); ρ is 0-based by piece and must sum to 1. */
    public double meanSlope(double[] rho) {
        return weighted(rho, slopes);
    }

    /** β̄ = Σ ρ_ℓ β_ℓ for occupancies ρ (§C.3 item 2); ρ is 0-based by piece and must sum to 1. */
    public double meanIntercept(double[] rho) {
        return weighted(rho, intercepts);
    }

    private double weighted(double[] rho, double[] coef) {
        if (rho == null || rho.length != coef.length) {
            throw new IllegalArgumentException("occupancies rho: need " + coef.length + " values for activation '" + name
                    + "', got " + (rho == null ? "none" : rho.length));
        }
        double sum = 0;
        double acc = 0;
        for (int i = 0; i < rho.length; i++) {
            if (!(rho[i] >= 0 && rho[i] <= 1)) {
                throw new IllegalArgumentException("occupancies rho[" + i + "] = " + rho[i] + ": must lie in [0, 1]");
            }
            sum += rho[i];
            acc += rho[i] * coef[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("occupancies rho: must sum to 1, sum is " + sum);
        }
        return acc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseLinear p && name.equals(p.name) && Arrays.equals(breakpoints, p.breakpoints)
                && Arrays.equals(slopes, p.slopes) && Arrays.equals(intercepts, p.intercepts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(breakpoints), Arrays.hashCode(slopes), Arrays.hashCode(intercepts));
    }

    @Override
    public String toString() {
        return name + "{a=" + Arrays.toString(breakpoints) + ", alpha=" + Arrays.toString(slopes) + ", beta="
                + Arrays.toString(intercepts) + "}";
    }
}
