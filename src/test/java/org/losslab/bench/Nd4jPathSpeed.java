package org.losslab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.BlockTrainer;

/**
 * Speed of the ND4J path against the fast path on this CPU, in one process and per CPU second of the
 * calling thread (run with OMP_NUM_THREADS=1, so all work is on it): both trainers train the same block
 * of the benchmark's workload (10x10 MNIST, data_order shared, batch 100), epochs alternating between
 * them so that both see the same machine load. Not a test: a measurement, quoted in docs/performance.md.
 * <pre>OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat cp.txt) org.losslab.bench.Nd4jPathSpeed [K] [epochs]</pre>
 */
public final class Nd4jPathSpeed {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Nd4jPathSpeed() {
    }

    public static void main(String[] args) {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PreparedData data = Workload.data(Path.of("data/mnist-10k"), 8000, 2000);
        for (int width : new int[] {25, 100}) {
            TrainingSpec spec = Workload.spec(width, k, "shared");
            int[] restarts = java.util.stream.IntStream.range(0, k).toArray();
            double[] cpu = new double[2];
            try (BlockTrainer fast = BatchedPath.FAST.open(spec, data, 1, width, restarts);
                 BlockTrainer nd4j = BatchedPath.ND4J.open(spec, data, 1, width, restarts)) {
                fast.trainEpoch(); // warm-up
                nd4j.trainEpoch();
                for (int e = 0; e < epochs; e++) {
                    cpu[0] += cpuSeconds(fast);
                    cpu[1] += cpuSeconds(nd4j);
                }
            }
            double examples = (double) k * epochs * (data.trainCount() + data.testCount());
            System.out.printf("n1=%d K=%d epochs=%d: fast %.0f, nd4j %.0f network-examples per CPU second;"
                    + " nd4j/fast = %.3f%n", width, k, epochs, examples / cpu[0], examples / cpu[1], cpu[0] / cpu[1]);
        }
    }

    private static double cpuSeconds(BlockTrainer t) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        t.trainEpoch();
        return (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
    }
}
