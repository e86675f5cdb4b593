package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;

/**
 * A/B of two batched trainers in one JVM, as docs/performance.md measures its levers: the same block (the
 * benchmark's workload: 10x10 MNIST, shared order, batch 100, training and test set evaluated every epoch)
 * with the default chunks (A) and with chunks of {@code -DchunkB} columns (B), evaluation blocks of the default
 * rows or {@code -DevalRowsA} and {@code -DevalRowsB} rows, the output layer fused or not ({@code -DfusedA},
 * {@code -DfusedB}; default by width), epochs alternating so both see
 * the same machine load, CPU seconds of this thread per epoch (run with OMP_NUM_THREADS=1), medians, each
 * one's phase profile and mean test loss. For a kernel lever, put the old and the new kernel behind a
 * temporary switch in the constructor and compare them the same way. Not a test: a measurement.
 * <pre>OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat cp.txt)
 *     [-DchunkB=N] [-DevalRowsA=R] [-DevalRowsB=R] [-DfusedA=true|false] [-DfusedB=true|false]
 *     org.losslab.training.batched.KernelSpeed K epochs train test width...</pre>
 */
public final class KernelSpeed {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private KernelSpeed() {
    }

    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        PreparedData data = BatchedFixtures.data(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        for (int a = 4; a < args.length; a++) {
            int width = Integer.parseInt(args[a]);
            TrainingSpec spec = new TrainingSpec(java.util.List.of(width), 1, "relu", k, 200, 100, 0.1, 0.95,
                    "uniform", 1.0, "shared", k);
            int[] restarts = IntStream.range(0, k).toArray();
            int chunk = BlockShape.defaultChunkColumns(k, width);
            int chunkB = Integer.getInteger("chunkB", chunk);
            int evalDefault = BatchedMemory.evalRows(k, data.features(), width, 1, 100);
            int evalA = Integer.getInteger("evalRowsA", evalDefault);
            int evalB = Integer.getInteger("evalRowsB", evalDefault);
            double[][] cpu = new double[2][epochs];
            boolean fusedA = Boolean.parseBoolean(System.getProperty("fusedA", "" + BlockShape.fusedOutput(width)));
            boolean fusedB = Boolean.parseBoolean(System.getProperty("fusedB", "" + BlockShape.fusedOutput(width)));
            System.out.printf("fused output layer: A %s B %s%n", fusedA, fusedB);
            try (BatchedTrainer ta = new BatchedTrainer(spec, data, 1, width, restarts, chunk, evalA, fusedA);
                 BatchedTrainer tb = new BatchedTrainer(spec, data, 1, width, restarts, chunkB, evalB, fusedB)) {
                ta.trainEpoch();
                tb.trainEpoch();
                ta.resetProfile();
                tb.resetProfile();
                for (int e = 0; e < epochs; e++) {
                    cpu[0][e] = seconds(ta);
                    cpu[1][e] = seconds(tb);
                }
                double flops = k * (4.0 * 101 * width + 60.0 * width) * data.trainCount()
                        + k * (2.0 * 101 * width + 20.0 * width) * (data.trainCount() + data.testCount());
                double mOld = median(cpu[0]);
                double mNew = median(cpu[1]);
                System.out.printf("evaluation rows: A %d B %d%n", evalA, evalB);
                System.out.printf("n1=%d K=%d: A %.3f s (%.1f GFLOP/s), B %.3f s (%.1f GFLOP/s), B/A speed %.3f;"
                        + " epochs A %s B %s%n", width, k, mOld, flops / mOld / 1e9, mNew, flops / mNew / 1e9,
                        mOld / mNew, Arrays.toString(cpu[0]), Arrays.toString(cpu[1]));
                System.out.println("  A " + profile(ta.profileSeconds(), epochs));
                System.out.println("  B " + profile(tb.profileSeconds(), epochs));
                double lOld = meanTestLoss(ta);
                double lNew = meanTestLoss(tb);
                System.out.printf("  mean test loss after %d epochs: A %.9f B %.9f rel %.2e%n", epochs + 1, lOld,
                        lNew, Math.abs(lNew - lOld) / Math.abs(lOld));
            }
        }
    }

    private static final Map<BatchedTrainer, Double> LAST_LOSS = new java.util.IdentityHashMap<>();

    private static double meanTestLoss(BatchedTrainer t) {
        return LAST_LOSS.get(t);
    }

    private static double seconds(BatchedTrainer t) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        java.util.List<org.losslab.training.EpochResult> r = t.trainEpoch();
        double s = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        LAST_LOSS.put(t, r.stream().mapToDouble(org.losslab.training.EpochResult::testLoss).average().orElse(Double.NaN));
        return s;
    }

    private static String profile(Map<BatchedTrainer.Phase, Double> p, int epochs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<BatchedTrainer.Phase, Double> e : p.entrySet()) {
            if (e.getValue() > 0) {
                sb.append(String.format(" %s %.0f ms", e.getKey().name().toLowerCase(), 1e3 * e.getValue() / epochs));
            }
        }
        return sb.toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
