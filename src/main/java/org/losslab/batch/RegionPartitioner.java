package org.losslab.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.losslab.spec.RegionsSpec;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the region stages: region-networks by network (architecture, activation, state);
 * sample-activations and region-statistics by network × input set. A partition's context holds only
 * those names (and, for a {@code choromanska} network, the training run's key); all progress lives in
 * the region tables. The training runs come from {@code runs}, called when the step starts (after
 * train), since the partitioner of a restarted step is never called again.
 */
public final class RegionPartitioner implements Partitioner {

    static final String ARCHITECTURE = "architecture";
    static final String ACTIVATION = "activation";
    static final String STATE = "state";
    static final String INPUT = "input";
    static final String RUN = "run";

    private final RegionsSpec spec;
    private final boolean perInput;
    private final Supplier<List<RegionNetworkPlan>> runs;

    public RegionPartitioner(RegionsSpec spec, boolean perInput) {
        this(spec, perInput, List::of);
    }

    public RegionPartitioner(RegionsSpec spec, boolean perInput, Supplier<List<RegionNetworkPlan>> runs) {
        this.spec = spec;
        this.perInput = perInput;
        this.runs = runs;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        List<RegionNetworkPlan> networks = new java.util.ArrayList<>(RegionNetworkPlan.all(spec));
        networks.addAll(runs.get());
        for (RegionNetworkPlan n : networks) {
            for (String input : perInput ? spec.inputs() : List.of("")) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(ARCHITECTURE, n.architecture());
                ctx.putString(ACTIVATION, n.activation());
                ctx.putString(STATE, n.state());
                if (n.choromanska()) {
                    ctx.putString(RUN, n.sourceRun());
                }
                if (perInput) {
                    ctx.putString(INPUT, input);
                }
                out.put(n.networkKey() + (perInput ? "/" + input : ""), ctx);
            }
        }
        return out;
    }

    static RegionNetworkPlan network(RegionsSpec spec, ExecutionContext ctx) {
        if (ctx.containsKey(RUN)) {
            return RegionNetworkPlan.ofRun(ctx.getString(RUN), ctx.getString(ACTIVATION), ctx.getString(STATE));
        }
        return new RegionNetworkPlan(ctx.getString(ARCHITECTURE), spec.mlpWidths(), ctx.getString(ACTIVATION),
                ctx.getString(STATE));
    }
}
