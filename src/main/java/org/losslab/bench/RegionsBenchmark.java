package org.losslab.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.bench.TrainingBenchmark.Result;
import org.losslab.data.Features;
import org.losslab.data.InvalidDataException;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.regions.GaussianInputs;
import org.losslab.regions.NetworkRegionAccumulator;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput and peak memory of the sample-activations step (issue 3; science.md §C.4): for the MLP
 * 784-512-512-512-10 and LeNet-5, each with ReLU and HardTanh (random initialisation: the work does not
 * depend on the weights), the hidden pre-activations of 10,000 inputs are computed and classified into
 * pieces in batches of 500 (the default {@code regions.batch_size}), as the step does, on MNIST images
 * (the test images, then training images up to the count) and on the step's N(0,1) inputs. Each
 * configuration is repeated; times are medians. Reported: pre-activations classified per wall-clock
 * second and per CPU second of the process (OpenMP workers included), wall and CPU time, peak heap and
 * resident set (polled every 5 ms; the resident set, which holds ND4J's native buffers, only grows in
 * practice, so it is the process's peak so far), and the threads. Sampling runs on one Java thread, as one partition does.
 */
public final class RegionsBenchmark {

    static final int INPUTS = 10_000;
    static final int BATCH = 500;
    private static final long SEED = 20210101L;

    private RegionsBenchmark() {
    }

    /** The full benchmark (10,000 inputs, 3 repetitions) or {@code quick} (2,000 inputs, 1 repetition). */
    public static List<Result> run(boolean quick, PrintStream out, Path mnistDir) {
        return run(quick ? 2000 : INPUTS, quick ? 1 : 3, out, mnistDir == null ? Workload.locateData() : mnistDir);
    }

    static List<Result> run(int inputs, int repetitions, PrintStream out, Path mnistDir) {
        long t0 = System.nanoTime();
        PlainDataset mnist = mnistInputs(mnistDir, inputs);
        BenchmarkResults results = new BenchmarkResults();
        out.printf("losslab regions benchmark: %,d inputs (MNIST from %s, and N(0,1)), batch %d, median of %d%n",
                inputs, mnistDir, BATCH, repetitions);
        out.printf("  cores %d, sampling threads 1, ND4J max threads %d, OMP_NUM_THREADS=%s, max heap %.1f GiB%n",
                Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads(),
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().maxMemory() / 1073741824.0);
        results.add("inputs", inputs, "inputs");
        results.add("repetitions", repetitions, "");
        results.add("sampling_threads", 1, "threads");
        results.add("nd4j_max_threads", Nd4j.getEnvironment().maxThreads(), "threads");
        results.add("cores", Runtime.getRuntime().availableProcessors(), "cores");
        Map<String, PreActivationSampler> samplers = new LinkedHashMap<>(); // built first: DL4J logs as it initialises
        for (String arch : List.of("mlp", "lenet")) {
            for (PiecewiseLinear f : List.of(PiecewiseLinear.relu(), PiecewiseLinear.hardTanh())) {
                MultiLayerNetwork net = "mlp".equals(arch) ? RegionNetworks.mnistMlp(f, SEED) : RegionNetworks.lenet5(f, SEED);
                samplers.put(arch + " " + f.name(), new PreActivationSampler(net, RegionNetworks.MNIST_PIXELS));
            }
        }
        out.println();
        out.println("  network   activation input    hidden units  pre-act/s wall  pre-act/s cpu  wall s   cpu s"
                + "  heap MiB  RSS MiB");
        for (Map.Entry<String, PreActivationSampler> e : samplers.entrySet()) {
            String[] name = e.getKey().split(" ");
            PreActivationSampler sampler = e.getValue();
            sampler.sampleRows(mnist, 0, Math.min(BATCH, inputs), BATCH, sampler.newAccumulator(0)); // warm-up
            for (String input : List.of("mnist", "gaussian")) {
                SamplingRate r = measure(sampler, "mnist".equals(input) ? mnist : null, inputs, repetitions);
                String key = name[0] + "_" + name[1] + "_" + input;
                out.printf("  %-9s %-10s %-8s %12d %15.4g %14.4g %7.2f %7.2f %9.0f %8.0f%n", name[0], name[1],
                        input, r.units(), r.perWallSecond(), r.perCpuSecond(), r.wallSeconds(), r.cpuSeconds(),
                        r.heap() / 1048576.0, r.rss() / 1048576.0);
                results.add(key + "_hidden_units", r.units(), "units");
                results.add(key + "_preactivations_per_s", r.perWallSecond(), "pre-activations/s (wall clock)");
                results.add(key + "_preactivations_per_cpu_s", r.perCpuSecond(), "pre-activations/s (process CPU)");
                results.add(key + "_wall_seconds", r.wallSeconds(), "s (median)");
                results.add(key + "_cpu_seconds", r.cpuSeconds(), "s (median, process CPU)");
                results.add(key + "_peak_heap_bytes", r.heap(), "bytes (sum of heap pool peaks)");
                results.add(key + "_peak_rss_bytes", r.rss(), "bytes (resident set, process peak so far)");
            }
        }
        results.add("load_average", CpuClock.loadAverage(), "");
        results.add("benchmark_seconds", (System.nanoTime() - t0) / 1e9, "s");
        out.println();
        for (Result r : results.all()) {
            out.println(r.name() + " " + r.value());
        }
        return results.all();
    }

    /** Median wall and CPU time of classifying all inputs, and the peaks over all repetitions. */
    record SamplingRate(int units, long preActivations, double wallSeconds, double cpuSeconds, long heap, long rss) {
        double perWallSecond() {
            return preActivations / wallSeconds;
        }

        double perCpuSecond() {
            return preActivations / cpuSeconds;
        }
    }

    static SamplingRate measure(PreActivationSampler sampler, PlainDataset mnist, int inputs, int repetitions) {
        double[] wall = new double[repetitions];
        double[] cpu = new double[repetitions];
        MemoryPeaks peaks = new MemoryPeaks();
        NetworkRegionAccumulator acc = null;
        for (int r = 0; r < repetitions; r++) {
            System.gc();
            MemoryPeaks.resetHeapPeaks();
            try (AutoCloseable poll = peaks.poll(5)) {
                long w0 = System.nanoTime();
                long c0 = CpuClock.processNanos();
                acc = sampler.newAccumulator(0);
                if (mnist != null) {
                    sampler.sampleRows(mnist, 0, inputs, BATCH, acc);
                } else {
                    sampler.sampleGaussian(GaussianInputs.experimentSeed(SEED), 0, inputs, BATCH, acc);
                }
                cpu[r] = (CpuClock.processNanos() - c0) / 1e9;
                wall[r] = (System.nanoTime() - w0) / 1e9;
            } catch (Exception e) {
                throw new IllegalStateException("memory polling failed", e);
            }
        }
        if (acc.dataCount() != inputs) {
            throw new IllegalStateException("sampled " + acc.dataCount() + " inputs, expected " + inputs);
        }
        int units = acc.totalUnits();
        return new SamplingRate(units, (long) units * inputs, CpuClock.median(wall), CpuClock.median(cpu), peaks.heap(),
                peaks.rss());
    }

    /** The first {@code count} MNIST images of {@code dir} at 28×28, pixels / 255: the test images, then training images. */
    static PlainDataset mnistInputs(Path dir, int count) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidDataException("bench regions: no MNIST directory " + dir + " (use --data DIR)");
        }
        MnistData d = MnistSource.load(dir);
        Features.Matrix test = Features.pixels(d.test());
        Features.Matrix train = Features.pixels(d.train());
        int dim = test.cols();
        if (test.rows() + train.rows() < count) {
            throw new InvalidDataException("bench regions: " + dir + " has " + (test.rows() + train.rows())
                    + " images, fewer than " + count);
        }
        float[] x = new float[count * dim];
        int fromTest = Math.min(count, test.rows());
        System.arraycopy(test.data(), 0, x, 0, fromTest * dim);
        System.arraycopy(train.data(), 0, x, fromTest * dim, (count - fromTest) * dim);
        return PlainDataset.unlabelled(x, dim);
    }
}
