package org.losslab.pipeline.enumeration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.spec.EnumerationSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Splits the enumeration by size N and block of disorder samples (three integers per partition). */
final class EnumerationPartitioner implements Partitioner {

    static final String N = "n";
    static final String FROM = "from";
    static final String COUNT = "count";

    private final EnumerationSpec spec;

    EnumerationPartitioner(EnumerationSpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int n : spec.sizes()) {
            for (int from = 0; from < spec.samples(); from += spec.blockSize()) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(N, n);
                ctx.putInt(FROM, from);
                ctx.putInt(COUNT, Math.min(spec.blockSize(), spec.samples() - from));
                out.put(String.format("n-%d-samples-%06d", n, from), ctx);
            }
        }
        return out;
    }
}
