package org.losslab.bench;

/**
 * Hours the full Choromanska sweep would take on this machine: its useful floating-point work at each
 * sweep width over the batched trainer's measured GFLOP/s there (interpolated between measured widths)
 * times the two-trainer scaling, since production runs one trainer per core.
 */
final class SweepProjection {

    private final BenchmarkContext ctx;

    SweepProjection(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /** Prints the projection per width and records the total as {@code sweep_hours_10k}. */
    void project(double[] gflops, double scaling) {
        double seconds = 0;
        StringBuilder sb = new StringBuilder("  sweep projection (8000/2000 images, 1000 restarts x 200 epochs):");
        for (int width : Workload.SWEEP_WIDTHS) {
            double rate = interpolate(width, gflops) * scaling;
            double flops = (double) Workload.SWEEP_RESTARTS * Workload.SWEEP_EPOCHS
                    * TrainingBenchmark.flopsPerNetworkEpoch(100, width, 1, Workload.SWEEP_TRAIN,
                            Workload.SWEEP_TRAIN + Workload.SWEEP_TEST);
            double s = flops / (rate * 1e9);
            seconds += s;
            sb.append(String.format(" n1=%d %.1f h;", width, s / 3600));
        }
        ctx.out().println(sb);
        ctx.results().add("sweep_hours_10k", seconds / 3600, "h");
    }

    /** Measured GFLOP/s at {@link Workload#WIDTHS}, linear in log(width) between them, constant beyond. */
    static double interpolate(int width, double[] gflops) {
        int[] widths = Workload.WIDTHS;
        if (width <= widths[0]) {
            return gflops[0];
        }
        for (int i = 1; i < widths.length; i++) {
            if (width <= widths[i]) {
                double x = (Math.log(width) - Math.log(widths[i - 1])) / (Math.log(widths[i]) - Math.log(widths[i - 1]));
                return gflops[i - 1] + x * (gflops[i] - gflops[i - 1]);
            }
        }
        return gflops[gflops.length - 1];
    }
}
