package org.losslab.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.spec.TrainingSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits training into partitions by hidden width and block of restarts. A partition's context
 * holds only three integers; everything else (weights, progress) lives in the results tables.
 */
public final class TrainingPartitioner implements Partitioner {

    static final String WIDTH = "width";
    static final String FROM = "from";
    static final String COUNT = "count";

    private final TrainingSpec spec;

    public TrainingPartitioner(TrainingSpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int width : spec.hiddenWidths()) {
            for (int from = 0; from < spec.restarts(); from += spec.blockSize()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(WIDTH, width);
                ctx.putInt(FROM, from);
                ctx.putInt(COUNT, Math.min(spec.blockSize(), spec.restarts() - from));
                out.put(String.format("width-%d-restarts-%06d", width, from), ctx);
            }
        }
        return out;
    }
}
