package org.losslab.pipeline.hessian;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.spec.HessianSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the Hessian analysis by hidden width and block of restarts {@code 0 … runs_per_width − 1}
 * (three integers per partition; which networks are done lives in {@code hessian_network}).
 */
final class HessianPartitioner implements Partitioner {

    static final String WIDTH = "width";
    static final String FROM = "from";
    static final String COUNT = "count";

    private final HessianSpec spec;

    HessianPartitioner(HessianSpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int width : spec.widths()) {
            for (int from = 0; from < spec.runsPerWidth(); from += spec.blockSize()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(WIDTH, width);
                ctx.putInt(FROM, from);
                ctx.putInt(COUNT, Math.min(spec.blockSize(), spec.runsPerWidth() - from));
                out.put(String.format("width-%d-restarts-%06d", width, from), ctx);
            }
        }
        return out;
    }
}
