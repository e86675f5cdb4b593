package org.losslab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.BlockTrainer;

/**
 * Aggregate throughput of two trainers in two threads over the throughput of one (ideal: 2 on 2 cores),
 * each trainer's rate taken per CPU second of its thread: what the second core adds when both trainers
 * compete for memory bandwidth and caches, independent of other processes taking CPU time.
 */
final class TwoTrainerScaling {

    private static final int WIDTH = 100;

    private final BenchmarkContext ctx;

    TwoTrainerScaling(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /** The scaling factor for blocks of K networks of width 100, printed and recorded as {@code two_trainer_scaling}. */
    double measure(PreparedData data, int k) {
        TrainingSpec spec = Workload.spec(WIDTH, k);
        double single = throughput(spec, data, k, 1);
        double pair = throughput(spec, data, k, 2);
        double scaling = pair / single;
        ctx.out().printf("%n  two trainers at once (n1=%d, K=%d each): %.0f vs %.0f network-examples/s per CPU second alone: x%.2f%n",
                WIDTH, k, pair, single, scaling);
        ctx.results().add("two_trainer_scaling", scaling, "aggregate / single throughput");
        return scaling;
    }

    /** Summed network-examples per CPU second of {@code trainers} concurrent trainers, each on its own restarts. */
    private double throughput(TrainingSpec spec, PreparedData data, int k, int trainers) {
        ExecutorService pool = Executors.newFixedThreadPool(trainers);
        try {
            List<Future<Double>> fs = new ArrayList<>();
            for (int p = 0; p < trainers; p++) {
                int offset = p * k;
                fs.add(pool.submit(() -> {
                    int[] restarts = new int[k];
                    Arrays.setAll(restarts, i -> offset + i);
                    try (BlockTrainer t = BatchedPath.current().open(spec, data, 1, WIDTH, restarts)) {
                        t.trainEpoch();
                        long t0 = CpuClock.threadNanos();
                        t.trainEpoch();
                        return (double) k * data.trainCount() / ((CpuClock.threadNanos() - t0) / 1e9);
                    }
                }));
            }
            double sum = 0;
            for (Future<Double> f : fs) {
                sum += f.get();
            }
            ctx.memory().sample();
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent trainers failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
