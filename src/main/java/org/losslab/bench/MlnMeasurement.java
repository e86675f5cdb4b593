package org.losslab.bench;

import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.PreparedData;

/** The baseline: one network at a time through {@link Dl4jRunTrainer} (DL4J's MultiLayerNetwork). */
final class MlnMeasurement {

    /**
     * @param netExamplesPerSecond     network-examples per CPU second of the training thread
     * @param gflops                   useful GFLOP per CPU second
     * @param cpuSeconds               median epoch, CPU seconds
     * @param netExamplesPerWallSecond network-examples per wall-clock second
     */
    record Rate(double netExamplesPerSecond, double gflops, double cpuSeconds, double netExamplesPerWallSecond) {
    }

    private final BenchmarkContext ctx;

    MlnMeasurement(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /** Medians over a few epochs after a warm-up epoch. */
    Rate measure(PreparedData data, int width) {
        Dl4jRunTrainer t = new Dl4jRunTrainer(Workload.spec(width, 1), data, 1, width, 0);
        t.trainEpoch();
        int epochs = ctx.quick() ? 2 : 3;
        double[] s = new double[epochs];
        double[] cpu = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long c0 = CpuClock.threadNanos();
            s[e] = t.trainEpoch().seconds();
            cpu[e] = (CpuClock.threadNanos() - c0) / 1e9;
        }
        ctx.memory().sample();
        double sec = CpuClock.median(cpu);
        double flops = TrainingBenchmark.flopsPerNetworkEpoch(data.features(), width, 1, data.trainCount(),
                data.trainCount() + data.testCount());
        return new Rate(data.trainCount() / sec, flops / sec / 1e9, sec, data.trainCount() / CpuClock.median(s));
    }
}
