package org.losslab.comparison;

/**
 * The two closed-form theory values the comparisons need that are one line each (science.md §B.4):
 * {@code E_∞(p) = 2√((p−1)/p)} and {@code Θ_{k,p}(u) = ½ ln(p−1) − (p−2)/p} for {@code u ≥ −E_∞}
 * (any k). Everything else (E_k, Θ curves, Kac–Rice) is read from the theory stage's views.
 */
public final class TheoryReference {

    private TheoryReference() {
    }

    public static double eInf(int p) {
        return 2.0 * Math.sqrt((p - 1.0) / p);
    }

    public static double thetaAboveBand(int p) {
        return 0.5 * Math.log(p - 1.0) - (p - 2.0) / p;
    }
}
