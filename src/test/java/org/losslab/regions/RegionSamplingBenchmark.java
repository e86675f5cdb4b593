package org.losslab.regions;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.losslab.activations.PiecewiseLinear;

/**
 * Not a test: throughput and peak memory of streaming region sampling on 10,000 inputs for the §C.4
 * MLP and LeNet-5, plus a one-epoch training smoke run. Run with
 * {@code ./mvnw -o -q test -Dtest=RegionSamplingBenchmark -Dlosslab.bench=true}.
 */
@EnabledIfSystemProperty(named = "losslab.bench", matches = "true")
class RegionSamplingBenchmark {

    private static final int N = 10_000;
    private static final int BATCH = 500;

    @Test
    void benchmark() throws Exception {
        PlainDataset mnist = readMnist(Path.of("data/mnist-10k"));
        report("MLP 784-512-512-512-10 hardtanh", RegionNetworks.mnistMlp(PiecewiseLinear.hardTanh(), 1), mnist);
        report("LeNet-5 hardtanh", RegionNetworks.lenet5(PiecewiseLinear.hardTanh(), 1), mnist);
        trainSmoke(mnist);
    }

    private static void report(String label, MultiLayerNetwork net, PlainDataset mnist) throws Exception {
        PreActivationSampler sampler = new PreActivationSampler(net, 784);
        sampler.sampleAll(new PlainDataset(java.util.Arrays.copyOf(mnist.features(), 784 * BATCH), null, 784), BATCH); // warm-up
        System.gc();
        resetPeaks();
        try (PeakSampler peak = new PeakSampler()) {
            long t0 = System.nanoTime();
            NetworkRegionAccumulator acc = sampler.sampleAll(mnist, BATCH);
            double mnistSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            NetworkRegionAccumulator gauss = sampler.newAccumulator(0);
            sampler.sampleGaussian(7, 0, N, BATCH, gauss);
            double gaussSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            List<RegionStatsRow> rows = RegionStatistics.compute(acc, RegionStatistics.DEFAULT_KDE_POINTS);
            double statSeconds = (System.nanoTime() - t2) / 1e9;
            long t3 = System.nanoTime();
            byte[] bytes = acc.toBytes();
            NetworkRegionAccumulator.fromBytes(bytes);
            double codecSeconds = (System.nanoTime() - t3) / 1e9;
            long units = acc.totalUnits();
            System.out.printf("BENCH %s: %d hidden units; MNIST %,d inputs in %.2f s = %.3g pre-activations/s; "
                            + "Gaussian %.2f s = %.3g/s; statistics (%d rows, KDE 201 pts) %.2f s; checkpoint %,d bytes, "
                            + "encode+decode %.3f s; peak heap %,d MiB, peak javacpp off-heap %,d MiB, peak RSS %,d MiB%n",
                    label, units, N, mnistSeconds, N * (double) units / mnistSeconds, gaussSeconds,
                    N * (double) units / gaussSeconds, rows.size(), statSeconds, bytes.length, codecSeconds,
                    peakHeap() >> 20, peak.offHeap.get() >> 20, peak.rss.get() >> 20);
            for (RegionStatsRow r : rows) {
                if (r.layer().equals(RegionStatistics.POOLED)) {
                    System.out.printf("BENCH   mnist %s %s piece %d: mean %.4f sd %.4f null %.5f ratio %.1f KS %.3f dead %.3f always %.3f BC %.3f%n",
                            r.layer(), r.averaging(), r.piece(), r.mean(), r.sd(), r.nullSd(), r.sdRatio(), r.ksDistance(),
                            r.fractionZero(), r.fractionOne(), r.bimodality());
                }
            }
            for (LayerRegionAccumulator l : acc.layers()) {
                System.out.printf("BENCH   mnist census %s: %d distinct patterns / %d data%n", l.name(),
                        l.census().distinctPatterns(), l.census().dataCount());
            }
        }
    }

    private static void trainSmoke(PlainDataset mnist) {
        int split = 8000;
        PlainDataset train = new PlainDataset(java.util.Arrays.copyOf(mnist.features(), split * 784),
                java.util.Arrays.copyOf(mnist.labels(), split), 784);
        PlainDataset test = new PlainDataset(java.util.Arrays.copyOfRange(mnist.features(), split * 784, N * 784),
                java.util.Arrays.copyOfRange(mnist.labels(), split, N), 784);
        for (String arch : new String[] {"mlp", "lenet5"}) {
            MultiLayerNetwork net = arch.equals("mlp") ? RegionNetworks.mnistMlp(PiecewiseLinear.relu(), 3)
                    : RegionNetworks.lenet5(PiecewiseLinear.relu(), 3);
            long t0 = System.nanoTime();
            NetworkTrainer.Report r = NetworkTrainer.train(net, train, test, new NetworkTrainer.Options(1, 64, 5));
            System.out.printf("BENCH train %s relu: 1 epoch on 8,000 in %.1f s, loss %.3f, test accuracy %.4f on 2,000%n",
                    arch, (System.nanoTime() - t0) / 1e9, r.epochLoss().get(0), r.testAccuracy());
            NetworkRegionAccumulator acc = new PreActivationSampler(net, 784).sampleAll(test, BATCH);
            for (RegionStatsRow row : RegionStatistics.compute(acc, 51)) {
                if (row.layer().equals(RegionStatistics.POOLED) && row.piece() == 2) {
                    System.out.printf("BENCH   trained %s pooled %s piece 2: mean %.4f sd/null %.1f KS %.3f dead %.3f always %.3f%n",
                            arch, row.averaging(), row.mean(), row.sdRatio(), row.ksDistance(), row.fractionZero(), row.fractionOne());
                }
            }
        }
    }

    static PlainDataset readMnist(Path dir) throws IOException {
        float[] x;
        int[] y;
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(dir.resolve("images-idx3-ubyte.gz").toFile())))) {
            if (in.readInt() != 2051) {
                throw new IOException("bad image magic");
            }
            int n = in.readInt();
            in.readInt();
            in.readInt();
            byte[] raw = in.readNBytes(n * 784);
            x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = (raw[i] & 0xFF) / 255f;
            }
        }
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(dir.resolve("labels-idx1-ubyte.gz").toFile())))) {
            if (in.readInt() != 2049) {
                throw new IOException("bad label magic");
            }
            byte[] raw = in.readNBytes(in.readInt());
            y = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                y[i] = raw[i];
            }
        }
        return new PlainDataset(x, y, 784);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Polls javacpp's off-heap total and the process RSS every 5 ms. */
    private static final class PeakSampler implements AutoCloseable {
        final AtomicLong offHeap = new AtomicLong();
        final AtomicLong rss = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                offHeap.accumulateAndGet(Pointer.totalBytes(), Math::max);
                rss.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        PeakSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
