package org.losslab.pipeline.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.batched.BatchedMemory;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.Nd4jMemory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits training into partitions by trainer, hidden width and block of restarts. A partition's context
 * holds only these; everything else (weights, progress) lives in the results tables.
 */
final class TrainingPartitioner implements Partitioner {

    static final String WIDTH = "width";
    static final String FROM = "from";
    static final String COUNT = "count";
    /** The partition's trainer; absent in partitions made before trainer lists (then the spec's only trainer). */
    static final String TRAINER = "trainer";

    private final TrainingSpec spec;
    private final int features;

    TrainingPartitioner(JobSpec job) {
        this.spec = job.training();
        this.features = job.data().inputSize();
    }

    /**
     * Restarts per partition: the spec's block size, or with {@code block_size: auto} as many as 70 %
     * of this machine's free memory allows per training thread
     * (of the GPU's free memory on the ND4J path, {@link Nd4jMemory}) (the block size of a partition is
     * fixed once partitioned, so a restart on another machine keeps it and stays bit-identical).
     */
    int blockSize(int width) {
        if (spec.blockSize() != TrainingSpec.AUTO_BLOCK) {
            return spec.blockSize();
        }
        double share = 0.7 / NumericsEnvironment.partitionThreads();
        if (BatchedPath.current() == BatchedPath.ND4J) { // a GPU: its free device memory bounds K
            return Math.max(1, Nd4jMemory.maxNetworksForThisDevice(spec, features, width, 70_000, share,
                    spec.restarts()));
        }
        return Math.max(1, BatchedMemory.maxNetworksForThisJvm(spec, features, width, 70_000, share, spec.restarts()));
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (String trainer : spec.trainers()) {
            for (int width : spec.hiddenWidths()) {
                int block = blockSize(width);
                int restarts = spec.restartsOf(trainer, width);
                for (int from = 0; from < restarts; from += block) {
                    ExecutionContext ctx = new ExecutionContext();
                    ctx.putString(TRAINER, trainer);
                    ctx.putInt(WIDTH, width);
                    ctx.putInt(FROM, from);
                    ctx.putInt(COUNT, Math.min(block, restarts - from));
                    out.put((spec.keysByTrainer() ? trainer + "-" : "") + String.format("width-%d-restarts-%06d",
                            width, from), ctx);
                }
            }
        }
        return out;
    }
}
