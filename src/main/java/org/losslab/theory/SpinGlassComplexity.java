package org.losslab.theory;


/**
 * Annealed complexity of the pure spherical p-spin model (Auffinger, Ben Arous and Černý 2013):
 * the limits {@code (1/N) log E Crt_{N,k}(u)} and {@code (1/N) log E Crt_N(u)} of science.md §B.3–§B.4,
 * evaluated in closed form so that no quadrature is needed (science.md §B.8 item 1).
 *
 * <p>Energies are in {@code u = H/N} units (science.md §1). For p = 2 the formulas give exactly 0 on
 * {@code u ≥ −E_∞} and the negative large-deviation rate below it: the 2-spin model has no exponential
 * number of critical points (science.md §B.4, last item).
 */
public final class SpinGlassComplexity {

    /** Below this value of {@code x = −u/E_∞ − 1} the series of {@link #i1} is used (error below 1e−17·I_1). */
    private static final double SERIES_LIMIT = 1e-3;

    private SpinGlassComplexity() {
    }

    /** {@code E_∞(p) = 2√((p−1)/p)}, the energy where the GOE bulk edge sits (science.md §A.4, §B.4). */
    public static double eInf(int p) {
        checkP(p);
        return 2.0 * Math.sqrt((p - 1.0) / p);
    }

    /**
     * {@code I_1(u; p) = (2/E_∞²) ∫_u^{−E_∞} √(z² − E_∞²) dz} for {@code u ≤ −E_∞}, and exactly 0 for
     * {@code u ≥ −E_∞} (science.md §B.4). With {@code y = −u/E_∞} the closed form is
     * {@code y√(y²−1) − arcosh y}; near the edge ({@code y − 1 < 1e−3}) a four-term series in
     * {@code x = y − 1} avoids the cancellation of the two O(√x) terms, so I_1 keeps full relative accuracy
     * as {@code u → −E_∞}.
     */
    public static double i1(double u, int p) {
        checkU(u);
        double x = -u / eInf(p) - 1.0;
        if (!(x > 0.0)) {
            return 0.0;
        }
        if (x < SERIES_LIMIT) {
            // 2∫_0^x √(2t + t²) dt = 2√2 x^{3/2} (2/3 + x/10 − x²/112 + x³/576 − …)
            double poly = 2.0 / 3.0 + x * (1.0 / 10.0 + x * (-1.0 / 112.0 + x / 576.0));
            return 2.0 * Math.sqrt(2.0) * x * Math.sqrt(x) * poly;
        }
        double root = Math.sqrt(Math.max(x * (2.0 + x), 0.0)); // √(y² − 1) without forming y² − 1
        return (1.0 + x) * root - Math.log1p(x + root);          // arcosh(y) = log1p(x + √(x(2+x)))
    }

    /**
     * {@code Θ_{k,p}(u)}: the annealed complexity of critical points of index k below level u
     * (science.md §B.4; the thesis' "u ≥ E_∞" is read as "u ≥ −E_∞", as continuity requires).
     */
    public static double theta(int k, int p, double u) {
        checkP(p);
        checkU(u);
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        double e = eInf(p);
        if (u >= -e) {
            return 0.5 * Math.log(p - 1.0) - (p - 2.0) / p;
        }
        return base(p, u) - (k + 1.0) * i1(u, p);
    }

    /** {@code Θ_p(u)}: the annealed complexity of all critical points below level u (science.md §B.4). */
    public static double thetaTotal(int p, double u) {
        checkP(p);
        checkU(u);
        if (u >= 0.0) {
            return 0.5 * Math.log(p - 1.0);
        }
        double value = base(p, u);
        return u < -eInf(p) ? value - i1(u, p) : value;
    }

    /** {@code ½ ln(p−1) − (p−2)/(4(p−1)) u²}, the part shared by every branch below −E_∞. */
    private static double base(int p, double u) {
        return 0.5 * Math.log(p - 1.0) - (p - 2.0) / (4.0 * (p - 1.0)) * u * u;
    }

    public static void checkP(int p) {
        if (p < 2) {
            throw new IllegalArgumentException("p must be >= 2 (degree of the p-spin Hamiltonian), got " + p);
        }
    }

    public static void checkU(double u) {
        if (!Double.isFinite(u)) {
            throw new IllegalArgumentException("u must be a finite energy density H/N, got " + u);
        }
    }
}
