package org.losslab.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer;

/**
 * Training throughput on this machine, in one run: SGEMM (through {@code Nd4j.gemm} into a
 * preallocated output) at 2048³ and at the batched trainer's first-layer shapes; one network at a
 * time ({@link Dl4jRunTrainer}, DL4J's MultiLayerNetwork) against {@link BatchedTrainer} with
 * data_order shared for n1 ∈ {25, 100, 500} (batch 100, K = 1000 where memory allows); checkpoint
 * export time as a share of epoch time; the scaling of two trainers running at once (the two cores);
 * peak memory; the rates at the sweep job's block size ({@link Workload#SWEEP_BLOCK}), which the
 * projections use; and a projection of the full Choromanska sweep (n1 ∈ {25, 50, 100, 250, 500} ×
 * 1000 restarts × 200 epochs on 8000 training and 2000 test images, evaluation after every epoch).
 *
 * <p>Throughput counts network-examples per second: networks × training examples / epoch time, where
 * the epoch time includes the evaluation on the training and test sets that every epoch performs.
 * GFLOP/s count the useful multiply-adds of training and evaluation ({@link #flopsPerNetworkEpoch}).
 * Timings are medians of the measured epochs. Thread counts are whatever the JVM was started with
 * (OMP_NUM_THREADS / {@code NumericsEnvironment}); the production layout is one OpenMP thread per
 * trainer and one trainer per core.
 */
public final class TrainingBenchmark {

    /** One measured quantity, for the results table. */
    public record Result(String name, double value, String unit) {
    }

    private TrainingBenchmark() {
    }

    /**
     * Runs the benchmark, prints a table and then {@code name value} lines, and returns the results.
     * {@code quick}: K = 100 on 2000 training and 500 test images, a few minutes; otherwise K = 1000
     * (fewer if memory does not allow) on the full 8000/2000 split, then K = {@link Workload#SWEEP_BLOCK} for
     * the projections, about 3 minutes on 2 idle cores.
     */
    public static List<Result> run(boolean quick, PrintStream out) {
        return run(quick, out, Workload.locateData());
    }

    public static List<Result> run(boolean quick, PrintStream out, Path mnistDir) {
        long t0 = System.nanoTime();
        int train = quick ? 2000 : Workload.SWEEP_TRAIN;
        int test = quick ? 500 : Workload.SWEEP_TEST;
        PreparedData data = Workload.data(mnistDir, train, test);
        int k = quick ? 100 : Workload.SWEEP_RESTARTS;
        BenchmarkContext ctx = new BenchmarkContext(quick, out, new BenchmarkResults(), new MemoryPeaks());
        BenchmarkReport report = new BenchmarkReport(ctx);
        report.header(train, test, k);

        SgemmMeasurement sgemm = new SgemmMeasurement(ctx);
        sgemm.run(k);
        double[][] sgemmBlock = sgemm.blockShapes(quick ? k : Workload.SWEEP_BLOCK);
        MlnMeasurement mln = new MlnMeasurement(ctx);
        BatchedMeasurement batched = new BatchedMeasurement(ctx);
        double[] batchedGflops = new double[Workload.WIDTHS.length];
        double[] trainGflops = new double[Workload.WIDTHS.length];
        double[] evalGflops = new double[Workload.WIDTHS.length];
        report.trainingTableHeader();
        for (int w = 0; w < Workload.WIDTHS.length; w++) {
            int width = Workload.WIDTHS[w];
            MlnMeasurement.Rate one = mln.measure(data, width);
            BatchedMeasurement.Rate block = batched.measure(data, width, k, "shared");
            batchedGflops[w] = block.gflops();
            trainGflops[w] = block.trainGflops();
            evalGflops[w] = block.evalGflops();
            report.trainingRow(width, one, block);
        }
        report.gemmEfficiency(batchedGflops);
        report.independent(batched.measure(data, 100, quick ? 100 : 200, "independent"));

        if (!quick && k != Workload.SWEEP_BLOCK) {
            sweepBlockRates(ctx, batched, data, batchedGflops, trainGflops, evalGflops);
        }

        // two trainers on two cores cannot more than double the work done: a measured factor above 2 is
        // the noise of one epoch per trainer, and projecting with it would promise more than the machine has
        double scaling = Math.min(2.0, new TwoTrainerScaling(ctx).measure(data, quick ? 100 : 500));
        SweepProjection sweep = new SweepProjection(ctx);
        sweep.project(batchedGflops, scaling);
        sweep.projectStandardSplit(trainGflops, evalGflops, scaling);
        sweep.projectSgemmBound(sgemmBlock[0], sgemmBlock[1], scaling);
        report.finish(t0);
        return ctx.results().all();
    }

    /**
     * Replaces the rates for the projections by those of a block of {@link Workload#SWEEP_BLOCK} networks, the
     * block size of {@code jobs/choromanska2015.yaml}'s partitions: K decides the shapes of the products and
     * the chunks, so the rates at K = 1000 of the table above are not those of the job. Records
     * {@code sweep_block_gflops_<n1>} (the epoch) and its training and evaluation parts.
     */
    private static void sweepBlockRates(BenchmarkContext ctx, BatchedMeasurement batched, PreparedData data,
                                        double[] gflops, double[] trainGflops, double[] evalGflops) {
        StringBuilder sb = new StringBuilder("  for the projections, K = " + Workload.SWEEP_BLOCK
                + " as in jobs/choromanska2015.yaml (GFLOP/s: epoch, training, evaluation):");
        for (int w = 0; w < Workload.WIDTHS.length; w++) {
            int width = Workload.WIDTHS[w];
            BatchedMeasurement.Rate r = batched.measure(data, width, Workload.SWEEP_BLOCK, "shared", false);
            gflops[w] = r.gflops();
            trainGflops[w] = r.trainGflops();
            evalGflops[w] = r.evalGflops();
            ctx.results().add("sweep_block_gflops_" + width, r.gflops(), "GFLOP/s (K = " + r.k() + ")");
            ctx.results().add("sweep_block_train_gflops_" + width, r.trainGflops(), "GFLOP/s");
            ctx.results().add("sweep_block_eval_gflops_" + width, r.evalGflops(), "GFLOP/s");
            sb.append(String.format(" n1=%d %.1f, %.1f, %.1f;", width, r.gflops(), r.trainGflops(), r.evalGflops()));
        }
        ctx.out().println(sb);
    }

    /** Useful floating-point operations of one network in one epoch (training, then evaluation). */
    public static double flopsPerNetworkEpoch(int features, int width, int hiddenLayers, int train, int evaluated) {
        return trainFlops(features, width, hiddenLayers) * train + evalFlops(features, width, hiddenLayers) * evaluated;
    }

    /**
     * Useful floating-point operations of one training example: the forward pass and the weight gradients
     * (the first layer needs no input delta), two per multiply-add.
     */
    static double trainFlops(int features, int width, int hiddenLayers) {
        double hidden = (hiddenLayers - 1.0) * width * width;
        return 4.0 * (features + 1) * width + 6.0 * width * 10 + 6 * hidden;
    }

    /** Useful floating-point operations of evaluating one example: the forward pass. */
    static double evalFlops(int features, int width, int hiddenLayers) {
        double hidden = (hiddenLayers - 1.0) * width * width;
        return 2.0 * (features + 1) * width + 2.0 * width * 10 + 2 * hidden;
    }

    /** See {@link SweepProjection#interpolate}. */
    static double interpolate(int width, double[] gflops) {
        return SweepProjection.interpolate(width, gflops);
    }
}
