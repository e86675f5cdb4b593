package org.losslab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.function.Supplier;
import org.losslab.BadInputException;
import org.losslab.theory.ComplexityThresholds;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.LogMeanAccumulator.LogMean;
import org.losslab.theory.SpinGlassComplexity;

/**
 * The three theory computations of {@code losslab theory}, each returning lines {@code name value…} with 12
 * significant digits. Arguments are checked first with the theory package's own validators; what they
 * refuse becomes a {@link BadInputException} (exit 2).
 * Values beyond the double range (Kac–Rice means at large N) are printed from their logarithm as
 * {@code d.ddddddddddde+XXXX}, so a line is never "Infinity" for a finite quantity.
 */
final class TheoryCommands {

    private TheoryCommands() {
    }

    /** {@code E_inf}, then {@code E_0 … E_K} (science.md §B.5). */
    static List<String> thresholds(int p, int maxK) {
        validate(() -> SpinGlassComplexity.checkP(p));
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
    static List<String> complexity(int p, int maxK, double u) {
        validate(() -> SpinGlassComplexity.checkP(p));
        checkK(maxK);
        validate(() -> SpinGlassComplexity.checkU(u));
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
    static List<String> kacRice(int p, int n, long samples, long seed, Double u, Double theta) {
        if (samples < 1) {
            throw new BadInputException("samples must be >= 1, got " + samples);
        }
        KacRiceMonteCarlo monteCarlo = input(() -> new KacRiceMonteCarlo(p, n, u, theta));
        validate(() -> org.losslab.theory.KacRiceBudget.check(n, samples, Runtime.getRuntime().maxMemory() / 2));
        KacRiceEstimate e = monteCarlo.estimate(samples, seed);
        List<String> lines = new ArrayList<>();
        lines.add("total " + format(e.total()));
        for (int k = 0; k < n; k++) {
            lines.add("k=" + k + " " + format(e.index(k)));
        }
        return lines;
    }

    /** Runs a theory validator on the command's arguments; what it refuses is bad input. */
    private static <T> T input(Supplier<T> validator) {
        try {
            return validator.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static void validate(Runnable validator) {
        input(() -> {
            validator.run();
            return null;
        });
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
