package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;

/**
 * A/B of the batched trainer's kernels in one JVM: two trainers on the same block (the benchmark's workload:
 * 10x10 MNIST, shared order, batch 100, training and test set evaluated every epoch), one with the old and one
 * with the new elementwise kernels, epochs alternating so both see the same machine load, CPU seconds of this
 * thread per epoch (run with OMP_NUM_THREADS=1), medians, and each variant's phase profile. Not a test: a
 * measurement quoted in docs/performance.md.
 * <pre>OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat cp.txt)
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
            double[][] cpu = new double[2][epochs];
            try (BatchedTrainer old = new BatchedTrainer(spec, data, 1, width, restarts, chunk, false);
                 BatchedTrainer neu = new BatchedTrainer(spec, data, 1, width, restarts, chunk, true)) {
                old.trainEpoch();
                neu.trainEpoch();
                old.resetProfile();
                neu.resetProfile();
                for (int e = 0; e < epochs; e++) {
                    cpu[0][e] = seconds(old);
                    cpu[1][e] = seconds(neu);
                }
                double flops = k * (4.0 * 101 * width + 60.0 * width) * data.trainCount()
                        + k * (2.0 * 101 * width + 20.0 * width) * (data.trainCount() + data.testCount());
                double mOld = median(cpu[0]);
                double mNew = median(cpu[1]);
                System.out.printf("n1=%d K=%d: old %.3f s (%.1f GFLOP/s), new %.3f s (%.1f GFLOP/s), new/old speed %.3f;"
                        + " epochs old %s new %s%n", width, k, mOld, flops / mOld / 1e9, mNew, flops / mNew / 1e9,
                        mOld / mNew, Arrays.toString(cpu[0]), Arrays.toString(cpu[1]));
                System.out.println("  old " + profile(old.profileSeconds(), epochs));
                System.out.println("  new " + profile(neu.profileSeconds(), epochs));
                double lOld = meanTestLoss(old);
                double lNew = meanTestLoss(neu);
                System.out.printf("  mean test loss after %d epochs: old %.9f new %.9f rel %.2e%n", epochs + 1, lOld,
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
