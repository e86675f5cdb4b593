package org.losslab.spec;

import java.util.List;

/**
 * The {@code cells:} section (science.md §D.5 items 2–5, He, Wang & Tao 2020): certificates of the
 * spurious minimum, its valley, in-cell optimality and the linear control, on the generated 2-D
 * regression set and optionally on a two-class MNIST subset ({@code mnist_classes}, targets ±1, the
 * first {@code mnist_count} such training digits, inputs reduced to {@code mnist_components} whitened
 * principal components, see {@link org.losslab.cells.PrincipalComponents}).
 */
public record CellsSpec(int n, String activation, int width, int hiddenLayers, double eta, double valleyEta,
                        int perturbations, int valleyPoints, int inCellStarts, int inCellTrainSteps,
                        List<Integer> mnistClasses, int mnistCount, int mnistComponents) {

    static CellsSpec read(SpecTree t) {
        List<Integer> classes = t.has("cells.mnist_classes")
                ? t.integers("cells.mnist_classes", null, 0, 9).stream().map(Long::intValue).toList() : List.of();
        if (!classes.isEmpty() && (classes.size() != 2 || classes.get(0).equals(classes.get(1)))) {
            throw t.error("cells.mnist_classes", "must name two different digits, e.g. [3, 5]");
        }
        return new CellsSpec(
                (int) t.integer("cells.n", 100L, 4, 100_000),
                t.choice("cells.activation", "leaky-relu-0.1", "leaky-relu-0.1", "relu"),
                (int) t.integer("cells.width", 8L, 3, 1000),
                (int) t.integer("cells.hidden_layers", 2L, 1, 8),
                t.number("cells.eta", 2.0, 1.000001, 1e6),
                t.number("cells.valley_eta", 5.0, 1.000001, 1e6),
                (int) t.integer("cells.perturbations", 10_000L, 1, 10_000_000),
                (int) t.integer("cells.valley_points", 1000L, 2, 10_000_000),
                (int) t.integer("cells.in_cell_starts", 20L, 2, 100_000),
                (int) t.integer("cells.in_cell_train_steps", 300L, 0, 10_000_000),
                classes,
                (int) t.integer("cells.mnist_count", 300L, 4, 100_000),
                (int) t.integer("cells.mnist_components", 10L, 1, 784));
    }
}
