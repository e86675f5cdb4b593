package org.losslab.cells;


/**
 * Settings of a full §D.5 run ({@link CellCertificates}). All are [DEFAULT] choices of science.md §D.5
 * and overridable; {@link #defaults(long)} is sized for a quick start (seconds). {@code data} may be a
 * supplied set (e.g. two-class MNIST, y one column of ±1); null means the generated 2-D regression
 * set with {@code n} points. The in-cell tests need d_Y = 1 and are skipped otherwise.
 *
 * @param width          width of every hidden layer (default 8)
 * @param hiddenLayers   hidden layers of the Stage-1 network (default 2)
 * @param eta            Stage-1 minimum pre-activation η (&gt; 1; default 2)
 * @param valleyEta      η at the far end of the valley (default 5); the far scales alternate 2, 0.5, …
 * @param perturbations  random in-cell perturbations (default 10⁴), sizes 1e−4..1e−2
 * @param valleyPoints   path samples (default 1000)
 * @param inCell         in-cell options (width, training steps, ≥ 20 starts, LM budget)
 * @param linearStarts   runs of the linear control (default 10)
 */
public record CellSettings(long seed, Dataset data, int n, TwoPieceActivation activation, int width, int hiddenLayers,
                           double eta, double valleyEta, int perturbations, int valleyPoints,
                           InCellOptimality.Options inCell, int linearStarts) {

    public CellSettings {
        if (data == null && n < 4) {
            throw new IllegalArgumentException("cells settings: n must be ≥ 4, got " + n);
        }
        if (width < 3 || hiddenLayers < 1 || !(eta > 1) || !(valleyEta > 1) || perturbations < 1 || valleyPoints < 2
                || linearStarts < 1) {
            throw new IllegalArgumentException("cells settings: need width ≥ 3, hiddenLayers ≥ 1, eta > 1, valleyEta > 1,"
                    + " perturbations ≥ 1, valleyPoints ≥ 2, linearStarts ≥ 1");
        }
    }

    public static CellSettings defaults(long seed) {
        return new CellSettings(seed, null, 100, TwoPieceActivation.LEAKY_RELU, 8, 2, 2.0, 5.0, 10_000, 1000,
                InCellOptimality.Options.defaults(seed), 10);
    }

    public CellSettings withData(Dataset supplied) {
        return new CellSettings(seed, supplied, n, activation, width, hiddenLayers, eta, valleyEta, perturbations,
                valleyPoints, inCell, linearStarts);
    }

    public CellSettings withActivation(TwoPieceActivation h) {
        return new CellSettings(seed, data, n, h, width, hiddenLayers, eta, valleyEta, perturbations, valleyPoints,
                inCell, linearStarts);
    }

    /** The data to use: supplied, or generated from the seed. */
    public Dataset resolveData() {
        return data != null ? data : Datasets.nonlinearRegression2d(seed, n);
    }
}
