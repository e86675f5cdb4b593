package org.losslab.pipeline.regions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.Seeds;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.regions.RegionNetworks;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;

/**
 * One network of the region grid: architecture × activation × state (science.md §C.4). The random
 * and the trained network of an (architecture, activation) share their initialisation seed, so the
 * random network is exactly the trained one's starting point. Keys:
 * {@code mlp-784-512-512-512-10/hardtanh/trained}, {@code lenet5/relu/random}.
 *
 * <p>A {@code choromanska} network is a run of the training section ({@code sourceRun}, its run key):
 * key {@code choromanska/mlp-100-25-10/relu/restart-0/trained}; {@link ChoromanskaNetworks} supplies
 * its parameters and inputs, so {@link #build} and {@link #layerSizes} do not apply to it.
 */
public record RegionNetworkPlan(String architecture, List<Integer> mlpWidths, String activation, String state,
                                String sourceRun) {

    public RegionNetworkPlan(String architecture, List<Integer> mlpWidths, String activation, String state) {
        this(architecture, mlpWidths, activation, state, null);
    }

    /** The network of training run {@code runKey} (a {@code choromanska} network) in this state. */
    public static RegionNetworkPlan ofRun(String runKey, String activation, String state) {
        return new RegionNetworkPlan(RegionsSpec.CHOROMANSKA, List.of(), activation, state, runKey);
    }

    /** Every spec-planned network of the grid, in spec order (architecture, activation, state); not choromanska. */
    public static List<RegionNetworkPlan> all(RegionsSpec r) {
        List<RegionNetworkPlan> out = new ArrayList<>();
        for (String arch : r.architectures()) {
            if (RegionsSpec.CHOROMANSKA.equals(arch)) {
                continue;
            }
            for (String act : r.activations()) {
                for (String state : r.states()) {
                    out.add(new RegionNetworkPlan(arch, r.mlpWidths(), act, state));
                }
            }
        }
        return out;
    }

    public boolean choromanska() {
        return sourceRun != null;
    }

    public boolean trained() {
        return RegionsSpec.TRAINED.equals(state);
    }

    /** {@code mlp-784-w1-…-10} or {@code lenet5}. */
    public String architectureKey() {
        if (!"mlp".equals(architecture)) {
            return "lenet5";
        }
        return "mlp-" + RegionNetworks.MNIST_PIXELS + "-" + mlpWidths.stream().map(String::valueOf)
                .collect(Collectors.joining("-")) + "-" + RegionNetworks.MNIST_CLASSES;
    }

    public String networkKey() {
        if (choromanska()) { // the training run key without its '<spec>-<hash8>[/rerun-N]/' prefix
            return RegionsSpec.CHOROMANSKA + "/" + sourceRun.substring(sourceRun.indexOf("/mlp-") + 1) + "/" + state;
        }
        return architectureKey() + "/" + activation + "/" + state;
    }

    /** Layer sizes as stored: MLP input, widths, classes; LeNet-5 its hidden units per layer. */
    public Integer[] layerSizes() {
        requireSpecPlanned();
        if ("mlp".equals(architecture)) {
            List<Integer> s = new ArrayList<>();
            s.add(RegionNetworks.MNIST_PIXELS);
            s.addAll(mlpWidths);
            s.add(RegionNetworks.MNIST_CLASSES);
            return s.toArray(Integer[]::new);
        }
        return new Integer[] {6 * 28 * 28, 16 * 10 * 10, 120, 84};
    }

    /** The initialisation seed, shared by the random and trained network of (architecture, activation). */
    public long initSeed(long specSeed) {
        return Seeds.derive(specSeed, "regions-init/" + architectureKey() + "/" + activation);
    }

    /** The data-order seed of (0-based) epoch e of the trained network. */
    public long epochSeed(long specSeed, int epoch) {
        return Seeds.derive(specSeed, "regions-train/" + architectureKey() + "/" + activation, epoch);
    }

    public PiecewiseLinear piecewiseLinear() {
        return RegionsSpec.activation(activation);
    }

    /** A freshly initialised network (float, Adam 1e−3: {@link RegionNetworks}). */
    public MultiLayerNetwork build(long specSeed) {
        requireSpecPlanned();
        PiecewiseLinear f = piecewiseLinear();
        long seed = initSeed(specSeed);
        return "mlp".equals(architecture)
                ? RegionNetworks.mnistMlp(mlpWidths.stream().mapToInt(Integer::intValue).toArray(), f, seed)
                : RegionNetworks.lenet5(f, seed);
    }

    /** {@code <spec>-<hash8>/regions/<network key>}. */
    public String runKey(JobSpec spec, long instance) {
        return ExperimentContext.runKeyPrefix(spec, instance) + "/regions/" + networkKey();
    }

    private void requireSpecPlanned() {
        if (choromanska()) {
            throw new IllegalStateException(networkKey() + ": a training run; see ChoromanskaNetworks");
        }
    }
}
