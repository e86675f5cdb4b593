package org.losslab.pipeline.regions;

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
 * train; on a restart again, and deterministically the same since training has completed).
 */
final class RegionPartitioner implements Partitioner {

    static final String ARCHITECTURE = "architecture";
    static final String ACTIVATION = "activation";
    static final String STATE = "state";
    static final String INPUT = "input";
    static final String RUN = "run";
    /** 100 (step_name) minus the longest worker step name with its ':' ("sample-activations-part:"). */
    static final int MAX_NAME = 72;

    private final RegionsSpec spec;
    private final boolean perInput;
    private final Supplier<List<RegionNetworkPlan>> runs;

    RegionPartitioner(RegionsSpec spec, boolean perInput) {
        this(spec, perInput, List::of);
    }

    RegionPartitioner(RegionsSpec spec, boolean perInput, Supplier<List<RegionNetworkPlan>> runs) {
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
                out.put(partitionName(n.networkKey() + (perInput ? "/" + input : "")), ctx);
            }
        }
        return out;
    }

    /**
     * The partition's name: its key, or, when "&lt;worker step&gt;:&lt;key&gt;" would not fit Spring Batch's
     * 100-character step_name (deep or wide networks), the key's first 56 characters, '~' and 12 hex
     * digits of its SHA-256 (deterministic, so a restart finds the same partitions).
     */
    static String partitionName(String key) {
        if (key.length() <= MAX_NAME) {
            return key;
        }
        return key.substring(0, MAX_NAME - 16) + "~" + org.losslab.training.FloatBytes.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12);
    }

    static RegionNetworkPlan network(RegionsSpec spec, ExecutionContext ctx) {
        if (ctx.containsKey(RUN)) {
            return RegionNetworkPlan.ofRun(ctx.getString(RUN), ctx.getString(ACTIVATION), ctx.getString(STATE));
        }
        return new RegionNetworkPlan(ctx.getString(ARCHITECTURE), spec.mlpWidths(), ctx.getString(ACTIVATION),
                ctx.getString(STATE));
    }
}
