package org.losslab.pipeline.spinglass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.spec.SpinGlassSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the spin-glass simulation by method, size N and block of restarts (the method's name and three integers
 * per partition); annealing partitions are named {@code annealing-n-…}, descent ones keep their names.
 */
final class SpinGlassPartitioner implements Partitioner {

    static final String N = "n";
    static final String FROM = "from";
    static final String COUNT = "count";
    static final String METHOD = "method";

    private final SpinGlassSpec spec;

    SpinGlassPartitioner(SpinGlassSpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (String method : spec.methods()) {
            boolean annealing = SpinGlassSpec.ANNEALING.equals(method);
            for (int n : spec.sizes()) {
                for (int from = 0; from < spec.restarts(); from += spec.blockSize()) {
                    ExecutionContext ctx = new ExecutionContext();
                    ctx.putInt(N, n);
                    ctx.putInt(FROM, from);
                    ctx.putInt(COUNT, Math.min(spec.blockSize(), spec.restarts() - from));
                    ctx.putString(METHOD, method);
                    out.put(String.format("%sn-%d-restarts-%06d", annealing ? "annealing-" : "", n, from), ctx);
                }
            }
        }
        return out;
    }
}
