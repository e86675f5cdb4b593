package org.losslab.plan;

import java.util.Arrays;

/**
 * How fast this machine runs each kind of work (docs/performance.md "Projections"): useful GFLOP per CPU
 * second of one thread, measured at a few widths and interpolated linearly in log(width) between them
 * (constant beyond), the share of a core one thread gets, and the scaling of two threads.
 *
 * @param widths           widths the rates were measured at, increasing
 * @param batchedGflops    the batched trainer's GFLOP per CPU second at those widths
 * @param dl4jGflops       one DL4J network at a time, GFLOP per CPU second at those widths
 * @param coreShare        CPU seconds per wall second of one thread (below 1 on a loaded machine)
 * @param twoThreadScaling throughput of two threads over one (2 = perfect)
 * @param cores            cores of the machine
 * @param source           where the rates come from, e.g. {@code benchmark_run 12 (2026-12-01)} or {@code calibration}
 */
public record MachineRates(int[] widths, double[] batchedGflops, double[] dl4jGflops, double coreShare,
                           double twoThreadScaling, int cores, String source) {

    public MachineRates {
        if (widths.length == 0 || widths.length != batchedGflops.length || widths.length != dl4jGflops.length) {
            throw new IllegalArgumentException("one rate per width is needed");
        }
        for (int i = 0; i < widths.length; i++) {
            if (!(batchedGflops[i] > 0) || !(dl4jGflops[i] > 0) || (i > 0 && widths[i] <= widths[i - 1])) {
                throw new IllegalArgumentException("rates must be positive at increasing widths: "
                        + Arrays.toString(widths) + " " + Arrays.toString(batchedGflops));
            }
        }
        if (!(coreShare > 0 && coreShare <= 1) || !(twoThreadScaling > 0) || cores < 1) {
            throw new IllegalArgumentException("core share must be in (0, 1], scaling positive, cores >= 1");
        }
        widths = widths.clone();
        batchedGflops = batchedGflops.clone();
        dl4jGflops = dl4jGflops.clone();
    }

    /** GFLOP per CPU second of {@code kernel} at {@code width}; dense work runs at the batched trainer's widest rate. */
    public double gflops(Work.Kernel kernel, int width) {
        return switch (kernel) {
            case BATCHED -> interpolate(width, batchedGflops);
            case DL4J -> interpolate(width, dl4jGflops);
            case DENSE -> batchedGflops[batchedGflops.length - 1];
        };
    }

    /**
     * CPU seconds done per wall second by {@code threads} concurrent threads: the core share of one, times
     * the measured two-thread scaling per pair of cores, and never more threads than cores.
     */
    public double speedup(int threads) {
        int t = Math.max(1, Math.min(threads, cores));
        return t == 1 ? coreShare : coreShare * t * twoThreadScaling / 2;
    }

    private double interpolate(int width, double[] rates) {
        if (width <= widths[0]) {
            return rates[0];
        }
        for (int i = 1; i < widths.length; i++) {
            if (width <= widths[i]) {
                double x = (Math.log(width) - Math.log(widths[i - 1])) / (Math.log(widths[i]) - Math.log(widths[i - 1]));
                return rates[i - 1] + x * (rates[i] - rates[i - 1]);
            }
        }
        return rates[rates.length - 1];
    }
}
