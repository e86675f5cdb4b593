package org.losslab.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.activations.PiecewiseLinearFitter;

/**
 * The {@code regions:} section (science.md §C.4, Baskerville et al. 2021): region statistics of the
 * hidden pre-activations of MNIST networks, over the grid architectures × activations × states
 * (random init, trained) × input sets (MNIST test images, i.i.d. N(0,1) inputs of the same shape).
 *
 * <p>Activations: {@code relu}, {@code hardtanh}, {@code leaky-relu-<s>} (negative slope s in (0, 1)),
 * {@code tanh-pl<L>} and {@code sigmoid-pl<L>} (the L-piece fit of §C.2 on [−6, 6], 2 ≤ L ≤ 64).
 * {@code input_count} MNIST inputs are the first that many test images (fewer if the test set is
 * smaller); {@code census_train_count} training images give the patterns shared between train and
 * test (0: none). {@code train_count} caps the training images (0: all).
 *
 * <p>Architecture {@code choromanska} samples the networks the {@code training:} section trained
 * (science.md §A.5.2): the first {@code choromanska_runs} completed restarts of every hidden width,
 * as trained (their final parameters) and random (their initial parameters, re-derived from the
 * run's seed), on the test images downsampled as training saw them; it needs a training section.
 *
 * <p>{@code visited_count}: the first that many training images are the fixed subset whose activation cells a
 * trained network's census records at initialisation and after every epoch (science.md §C.4.1; 0: off).
 */
public record RegionsSpec(List<String> architectures, List<Integer> mlpWidths, List<String> activations,
                          List<String> states, List<String> inputs, int inputCount, int censusTrainCount,
                          int batchSize, int trainEpochs, int trainBatchSize, int trainCount, int kdePoints,
                          int choromanskaRuns, int visitedCount) {

    public static final String RANDOM = "random";
    public static final String TRAINED = "trained";
    public static final String MNIST = "mnist";
    public static final String GAUSSIAN = "gaussian";
    public static final String CHOROMANSKA = "choromanska";

    private static final Pattern LEAKY = Pattern.compile("leaky-relu-(0\\.[0-9]*[1-9][0-9]*)");
    private static final Pattern FITTED = Pattern.compile("(tanh|sigmoid)-pl([0-9]{1,2})");

    static RegionsSpec read(SpecTree t) {
        List<String> activations = strings(t, "regions.activations", List.of("relu", "hardtanh"));
        for (int i = 0; i < activations.size(); i++) {
            try {
                activation(activations.get(i));
            } catch (IllegalArgumentException e) {
                throw t.error("regions.activations[" + i + "]", e.getMessage());
            }
        }
        List<String> architectures = strings(t, "regions.architectures", List.of("mlp", "lenet"));
        checkChoices(t, "regions.architectures", architectures, "mlp", "lenet", CHOROMANSKA);
        if (architectures.contains(CHOROMANSKA) && !t.has("training")) {
            throw t.error("regions.architectures[" + architectures.indexOf(CHOROMANSKA) + "]",
                    "choromanska samples the networks of the training section, and the spec has none");
        }
        List<String> states = strings(t, "regions.states", List.of(RANDOM, TRAINED));
        checkChoices(t, "regions.states", states, RANDOM, TRAINED);
        List<String> inputs = strings(t, "regions.inputs", List.of(MNIST, GAUSSIAN));
        checkChoices(t, "regions.inputs", inputs, MNIST, GAUSSIAN);
        return new RegionsSpec(architectures,
                t.integers("regions.mlp_widths", List.of(512L, 512L, 512L), 1, 100_000).stream()
                        .map(Long::intValue).toList(),
                activations, states, inputs,
                (int) t.integer("regions.input_count", 10_000L, 2, 10_000_000),
                (int) t.integer("regions.census_train_count", 10_000L, 0, 10_000_000),
                (int) t.integer("regions.batch_size", 500L, 1, 100_000),
                (int) t.integer("regions.train_epochs", 10L, 1, 10_000),
                (int) t.integer("regions.train_batch_size", 64L, 1, 100_000),
                (int) t.integer("regions.train_count", 0L, 0, 10_000_000),
                (int) t.integer("regions.kde_points", 201L, 2, 100_000),
                (int) t.integer("regions.choromanska_runs", 3L, 1, 1_000_000),
                (int) t.integer("regions.visited_count", 500L, 0, 10_000_000));
    }

    /** Whether the grid samples the training section's networks (architecture {@code choromanska}). */
    public boolean samplesChoromanska() {
        return architectures.contains(CHOROMANSKA);
    }

    /** The piecewise-linear activation a spec name stands for (see the class comment). */
    public static PiecewiseLinear activation(String name) {
        switch (name) {
            case "relu":
                return PiecewiseLinear.relu();
            case "hardtanh":
                return PiecewiseLinear.hardTanh();
            default:
                break;
        }
        Matcher leaky = LEAKY.matcher(name);
        if (leaky.matches()) {
            return PiecewiseLinear.leakyRelu(Double.parseDouble(leaky.group(1)));
        }
        Matcher fitted = FITTED.matcher(name);
        if (fitted.matches()) {
            int pieces = Integer.parseInt(fitted.group(2));
            if (pieces < 2 || pieces > 64) {
                throw new IllegalArgumentException("must fit 2 to 64 pieces, not " + pieces);
            }
            return fitted.group(1).equals("tanh") ? PiecewiseLinearFitter.tanh(pieces).activation()
                    : PiecewiseLinearFitter.sigmoid(pieces).activation();
        }
        throw new IllegalArgumentException("must be relu, hardtanh, leaky-relu-<s> (0 < s < 1, e.g. leaky-relu-0.1), "
                + "tanh-pl<L> or sigmoid-pl<L>, not '" + name + "'");
    }

    /** ε of a fitted activation ({@code tanh-pl<L>}, {@code sigmoid-pl<L>}); null for the exact ones. */
    public static Double fitEpsilon(String name) {
        Matcher fitted = FITTED.matcher(name);
        if (!fitted.matches()) {
            return null;
        }
        int pieces = Integer.parseInt(fitted.group(2));
        return fitted.group(1).equals("tanh") ? PiecewiseLinearFitter.tanh(pieces).epsilon()
                : PiecewiseLinearFitter.sigmoid(pieces).epsilon();
    }

    private static List<String> strings(SpecTree t, String path, List<String> fallback) {
        t.acceptSubtree(path);
        Object v = t.lookup(path);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw t.error(path, "must be a non-empty list of names");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw t.error(path + "[" + i + "]", "must be a name, not '" + list.get(i) + "'");
            }
            out.add(s);
        }
        if (new LinkedHashSet<>(out).size() != out.size()) {
            throw t.error(path, "must not repeat a name");
        }
        return List.copyOf(out);
    }

    private static void checkChoices(SpecTree t, String path, List<String> values, String... allowed) {
        for (int i = 0; i < values.size(); i++) {
            if (!List.of(allowed).contains(values.get(i))) {
                throw t.error(path + "[" + i + "]", "must be one of " + String.join(", ", allowed) + ", not '"
                        + values.get(i) + "'");
            }
        }
    }
}
