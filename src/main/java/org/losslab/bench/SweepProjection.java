package org.losslab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.losslab.spec.TrainingSpec;

/**
 * Hours the full Choromanska sweep would take on this machine: its useful floating-point work at each
 * sweep width over the batched trainer's measured GFLOP/s there (interpolated between measured widths)
 * times the two-trainer scaling, since production runs one trainer per core. On the standard split the
 * training and the evaluation are projected at their own measured rates, with the default evaluation
 * cadence, and the partitions (width × block of {@value Workload#SWEEP_BLOCK} restarts, as in
 * {@code jobs/choromanska2015.yaml}) are scheduled on N cores longest first, as the partitioned step
 * hands them out, so the tail (fewer partitions left than cores) is counted.
 */
final class SweepProjection {

    /** Core counts of the N-core projection. */
    static final int[] CORES = {1, 2, 4, 8, 16, 32, 64};

    static final int FULL_TRAIN = 60_000;
    static final int FULL_TEST = 10_000;

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

    /**
     * Prints and records {@code sweep_hours_mnist_full}: the sweep on 60,000 training and 10,000 test images,
     * the training set evaluated every {@link TrainingSpec#DEFAULT_EVALUATE_TRAIN_EVERY} epochs and after the
     * last, on this machine's two cores; then the same on N cores, each core running one trainer at this
     * machine's per-core rate ({@code two_trainer_scaling} / 2), as {@code sweep_hours_mnist_full_cores_<N>}.
     */
    void projectStandardSplit(double[] trainGflops, double[] evalGflops, double scaling) {
        long trainEvaluations = trainEvaluations();
        List<Double> partitions = partitions(width -> epochs() * (double) FULL_TRAIN
                * TrainingBenchmark.trainFlops(100, width, 1) / (interpolate(width, trainGflops) * 1e9)
                + (epochs() * (double) FULL_TEST + trainEvaluations * (double) FULL_TRAIN)
                * TrainingBenchmark.evalFlops(100, width, 1) / (interpolate(width, evalGflops) * 1e9));
        double cpuSeconds = partitions.stream().mapToDouble(Double::doubleValue).sum();
        double perCore = scaling / 2;
        double hours = makespan(partitions, 2) / perCore / 3600;
        ctx.out().printf("  standard split (60000/10000 images, training set evaluated every %d epochs): %.0f CPU hours,"
                + " %.1f h on 2 cores%n", TrainingSpec.DEFAULT_EVALUATE_TRAIN_EVERY, cpuSeconds / 3600, hours);
        ctx.results().add("sweep_cpu_hours_mnist_full", cpuSeconds / 3600, "h (one core alone)");
        ctx.results().add("sweep_hours_mnist_full", hours, "h");
        StringBuilder sb = new StringBuilder("  on N cores (one trainer each, " + partitions.size() + " partitions):");
        for (int n : CORES) {
            double h = makespan(partitions, n) / perCore / 3600;
            sb.append(String.format(" %d: %.1f h;", n, h));
            ctx.results().add("sweep_hours_mnist_full_cores_" + n, h, "h");
        }
        ctx.out().println(sb);
    }

    /**
     * Prints and records {@code sweep_hours_mnist_full_sgemm_bound}: {@code sweep_hours_mnist_full} with every
     * product at SGEMM's speed at the trainer's first-layer calls and the elementwise work free ({@link SgemmBound}),
     * same partitions, cores and two-trainer scaling. The ceiling of the trainer with batch-100 products.
     */
    void projectSgemmBound(double[] forwardGflops, double[] gradientGflops, double scaling) {
        List<Double> partitions = partitions(width -> SgemmBound.networkSeconds(width,
                interpolate(width, forwardGflops), interpolate(width, gradientGflops), trainEvaluations()));
        double hours = makespan(partitions, 2) / (scaling / 2) / 3600;
        ctx.out().printf("  the same at SGEMM speed (every product at the SGEMM rate of the trainer's first-layer calls,"
                + " elementwise work free): %.1f h on 2 cores%n", hours);
        ctx.results().add("sweep_hours_mnist_full_sgemm_bound", hours, "h");
    }

    /** Training-set evaluations of one network in the sweep: every {@code evaluate_train_every} epochs and after the last. */
    static long trainEvaluations() {
        int epochs = epochs();
        int every = TrainingSpec.DEFAULT_EVALUATE_TRAIN_EVERY;
        return IntStream.rangeClosed(1, epochs).filter(e -> e % every == 0 || e == epochs).count();
    }

    private static int epochs() {
        return Workload.SWEEP_EPOCHS;
    }

    /** CPU seconds of each partition (width × block of restarts), from the seconds of one network at a width. */
    static List<Double> partitions(IntToDoubleFunction perNetwork) {
        List<Double> partitions = new ArrayList<>();
        for (int width : Workload.SWEEP_WIDTHS) {
            double seconds = perNetwork.applyAsDouble(width);
            for (int from = 0; from < Workload.SWEEP_RESTARTS; from += Workload.SWEEP_BLOCK) {
                partitions.add(seconds * Math.min(Workload.SWEEP_BLOCK, Workload.SWEEP_RESTARTS - from));
            }
        }
        return partitions;
    }

    /** Wall seconds of the partitions handed out longest first to whichever of {@code cores} is free first. */
    static double makespan(List<Double> partitions, int cores) {
        List<Double> sorted = new ArrayList<>(partitions);
        sorted.sort(Collections.reverseOrder());
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int c = 0; c < cores; c++) {
            free.add(0.0);
        }
        double end = 0;
        for (double p : sorted) {
            double t = free.poll() + p;
            end = Math.max(end, t);
            free.add(t);
        }
        return end;
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
