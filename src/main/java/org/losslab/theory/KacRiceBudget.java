package org.losslab.theory;

import java.util.Locale;

/**
 * Refuses Kac–Rice Monte Carlo requests (science.md §B.2) that cannot finish: each sample draws a dense
 * N×N GOE matrix and its spectrum, about {@value #FLOPS_PER_CUBE}·N³ floating-point operations and two
 * N×N arrays of doubles. A request whose work exceeds {@link #MAX_DAYS} days at {@link #ASSUMED_FLOPS}
 * operations per second, or whose arrays exceed the memory given, is refused before anything runs.
 */
public final class KacRiceBudget {

    static final double FLOPS_PER_CUBE = 10;
    /** A generous rate for one core (the measured dense kernels reach 2–30 GFLOP/s). */
    public static final double ASSUMED_FLOPS = 1e10;
    public static final double MAX_DAYS = 30;

    private KacRiceBudget() {
    }

    /** Bytes one sampler of size N holds. */
    public static double bytes(int n) {
        return 16.0 * n * n + 64.0 * n;
    }

    /** Estimated seconds of {@code samples} samples of size N at {@link #ASSUMED_FLOPS}. */
    public static double seconds(int n, long samples) {
        return FLOPS_PER_CUBE * Math.pow(n, 3) * samples / ASSUMED_FLOPS;
    }

    /** IllegalArgumentException naming the size when the request would not fit in {@code maxBytes} or take too long. */
    public static void check(int n, long samples, long maxBytes) {
        if (bytes(n) > maxBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "N=%d needs %.1f GiB for one GOE sample but %.1f GiB are available", n, bytes(n) / (1L << 30),
                    maxBytes / (double) (1L << 30)));
        }
        double days = seconds(n, samples) / 86400;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "N=%d with %d samples is about %.3g days of work at %.0e operations/s (limit %.0f days); "
                            + "use fewer samples or a smaller N", n, samples, days, ASSUMED_FLOPS, MAX_DAYS));
        }
    }
}
