package org.losslab.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.spec.RegionsSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the region stages: region-networks by network (architecture, activation, state);
 * sample-activations and region-statistics by network × input set. A partition's context holds only
 * those names; all progress lives in the region tables.
 */
public final class RegionPartitioner implements Partitioner {

    static final String ARCHITECTURE = "architecture";
    static final String ACTIVATION = "activation";
    static final String STATE = "state";
    static final String INPUT = "input";

    private final RegionsSpec spec;
    private final boolean perInput;

    public RegionPartitioner(RegionsSpec spec, boolean perInput) {
        this.spec = spec;
        this.perInput = perInput;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (RegionNetworkPlan n : RegionNetworkPlan.all(spec)) {
            for (String input : perInput ? spec.inputs() : List.of("")) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(ARCHITECTURE, n.architecture());
                ctx.putString(ACTIVATION, n.activation());
                ctx.putString(STATE, n.state());
                if (perInput) {
                    ctx.putString(INPUT, input);
                }
                out.put(n.networkKey() + (perInput ? "/" + input : ""), ctx);
            }
        }
        return out;
    }

    static RegionNetworkPlan network(RegionsSpec spec, ExecutionContext ctx) {
        return new RegionNetworkPlan(ctx.getString(ARCHITECTURE), spec.mlpWidths(), ctx.getString(ACTIVATION),
                ctx.getString(STATE));
    }
}
