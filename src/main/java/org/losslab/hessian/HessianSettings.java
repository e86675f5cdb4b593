package org.losslab.hessian;

/**
 * How the Hessian of one network is analysed; every field is a future {@code hessian:} spec key.
 *
 * @param denseLimit           networks with at most this many parameters get the exact dense Hessian
 *                             and all its eigenvalues; larger ones Lanczos and SLQ
 * @param zeroTolerance        eigenvalues with |λ| ≤ zeroTolerance · ‖H‖₂ count as zero, neither
 *                             negative nor positive (rounding of the double sums over the data)
 * @param criticalGradientNorm a point whose gradient norm exceeds this is not critical: its index is
 *                             not claimed
 * @param lanczosSteps         most Lanczos steps for the extreme eigenvalues
 * @param lanczosTolerance     stop when both extreme Ritz values have residual bounds within this
 *                             fraction of the spectral norm
 * @param slqProbes            probe vectors of stochastic Lanczos quadrature
 * @param slqSteps             Lanczos steps (quadrature nodes) per probe
 * @param slqBlock             probes sharing one pass over the data (memory: each keeps its basis)
 */
public record HessianSettings(int denseLimit, double zeroTolerance, double criticalGradientNorm, int lanczosSteps,
                              double lanczosTolerance, int slqProbes, int slqSteps, int slqBlock) {

    public static final HessianSettings DEFAULTS = new HessianSettings(3000, 1e-9, 1e-3, 300, 1e-7, 10, 80, 4);

    public HessianSettings {
        if (denseLimit < 0 || !(zeroTolerance >= 0 && zeroTolerance < 1) || !(criticalGradientNorm > 0)
                || lanczosSteps < 2 || !(lanczosTolerance > 0) || slqProbes < 2 || slqSteps < 1 || slqBlock < 1) {
            throw new IllegalArgumentException("invalid Hessian settings " + this);
        }
    }

    public boolean critical(double gradientNorm) {
        return gradientNorm <= criticalGradientNorm;
    }

    public HessianSettings withDenseLimit(int limit) {
        return new HessianSettings(limit, zeroTolerance, criticalGradientNorm, lanczosSteps, lanczosTolerance,
                slqProbes, slqSteps, slqBlock);
    }
}
