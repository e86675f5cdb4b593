package org.losslab.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.losslab.BadInputException;
import org.losslab.theory.LogMeanAccumulator.LogMean;

/**
 * The three theory computations of the CLI, each returning lines {@code name value…} with 12 significant digits.
 * Values beyond the double range (Kac–Rice means at large N) are printed from their logarithm as
 * {@code d.ddddddddddde+XXXX}, so a line is never "Infinity" for a finite quantity.
 */
public final class TheoryCommands {

    private TheoryCommands() {
    }

    /** {@code E_inf}, then {@code E_0 … E_K} (science.md §B.5). */
    public static List<String> thresholds(int p, int maxK) {
        SpinGlassComplexity.checkP(p);
        checkK(maxK);
        List<String> lines = new ArrayList<>();
        lines.add("E_inf " + format(SpinGlassComplexity.eInf(p)));
        double[] e = ComplexityThresholds.thresholds(p, maxK);
        for (int k = 0; k <= maxK; k++) {
            lines.add("E_" + k + " " + format(e[k]));
        }
        return lines;
    }

    /** {@code theta_0 … theta_K}, then {@code theta_total} at energy density u (science.md §B.4). */
    public static List<String> complexity(int p, int maxK, double u) {
        SpinGlassComplexity.checkP(p);
        checkK(maxK);
        SpinGlassComplexity.checkU(u);
        List<String> lines = new ArrayList<>();
        for (int k = 0; k <= maxK; k++) {
            lines.add("theta_" + k + " " + format(SpinGlassComplexity.theta(k, p, u)));
        }
        lines.add("theta_total " + format(SpinGlassComplexity.thetaTotal(p, u)));
        return lines;
    }

    /**
     * {@code total <mean> <se>}, then {@code k=<k> <mean> <se>} for k = 0..N−1 (science.md §B.2, §B.8 item 4).
     *
     * @param u upper end of the energy window (−∞, u], or null for all energies
     * @param theta rank-one spike strength (science.md §C.3 (ii)), or null for the exact ABC identity
     */
    public static List<String> kacRice(int p, int n, long samples, long seed, Double u, Double theta) {
        if (samples < 1) {
            throw new BadInputException("samples must be >= 1, got " + samples);
        }
        KacRiceEstimate e = new KacRiceMonteCarlo(p, n, u, theta).estimate(samples, seed);
        List<String> lines = new ArrayList<>();
        lines.add("total " + format(e.total()));
        for (int k = 0; k < n; k++) {
            lines.add("k=" + k + " " + format(e.index(k)));
        }
        return lines;
    }

    private static void checkK(int maxK) {
        if (maxK < 0) {
            throw new BadInputException("K must be >= 0 (largest index k printed), got " + maxK);
        }
    }

    private static String format(LogMean m) {
        return formatLog(m.logMean()) + " " + formatLog(m.logSe());
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.12g", v);
    }

    /** e^logValue with 12 significant digits, also when it is outside the double range. */
    static String formatLog(double logValue) {
        if (logValue == Double.NEGATIVE_INFINITY) {
            return format(0.0);
        }
        double v = Math.exp(logValue);
        if (Double.isFinite(v) && v > Double.MIN_NORMAL) {
            return format(v);
        }
        double log10 = logValue / Math.log(10);
        long exponent = (long) Math.floor(log10);
        double mantissa = Math.pow(10, log10 - exponent);
        if (mantissa >= 9.9999999999995) { // rounding would print 10.000…
            mantissa /= 10;
            exponent++;
        }
        return String.format(Locale.ROOT, "%.11fe%+d", mantissa, exponent);
    }
}
