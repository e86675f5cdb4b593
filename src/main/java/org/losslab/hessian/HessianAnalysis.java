package org.losslab.hessian;

import java.lang.management.ManagementFactory;
import org.losslab.Seeds;

/**
 * The Hessian of a trained network's training loss at its stored parameters (science.md §A.4: the
 * index of critical points): the one entry point for the {@code hessian} stage. Exact below the
 * settings' parameter limit (dense matrix, all eigenvalues, exact counts); above it Hessian-vector
 * products with Lanczos for the extreme eigenvalues and stochastic Lanczos quadrature for the density
 * and the fractions of negative and zero eigenvalues, with their uncertainty.
 *
 * <p>Honest index: an eigenvalue with |λ| ≤ zeroTolerance·‖H‖₂ counts as zero, and a point whose
 * gradient norm exceeds the threshold is not critical, so no index is claimed for it.
 */
public final class HessianAnalysis {

    private HessianAnalysis() {
    }

    /**
     * @param parameters the stored parameters widened to double ({@link MlpShape#decode})
     * @param data       the run's training rows
     * @param seed       seed of this network's random vectors, e.g. {@code Seeds.derive(specSeed, "hessian", width, restart)}
     */
    public static HessianResult analyse(MlpShape shape, double[] parameters, TrainingSet data,
                                        HessianSettings settings, long seed) {
        MlpLoss.checkLength(shape, parameters);
        for (double v : parameters) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the parameters hold a non-finite value: a diverged network has"
                        + " no Hessian to analyse");
            }
        }
        long t0 = cpuNanos();
        MlpLoss.Value value = MlpLoss.lossAndGradient(shape, parameters, data);
        boolean critical = settings.critical(value.gradientNorm());
        HessianResult r = shape.parameterCount() <= settings.denseLimit()
                ? exact(shape, parameters, data, settings, value, critical)
                : lanczos(shape, parameters, data, settings, value, critical, seed);
        return withSeconds(r, (cpuNanos() - t0) / 1e9);
    }

    private static HessianResult exact(MlpShape shape, double[] theta, TrainingSet data, HessianSettings s,
                                       MlpLoss.Value value, boolean critical) {
        double[] ev = DenseHessian.compute(shape, theta, data).eigenvaluesDestroying();
        int p = ev.length;
        double norm = Math.max(Math.abs(ev[0]), Math.abs(ev[p - 1]));
        double zero = s.zeroTolerance() * norm;
        long[] counts = counts(ev, zero);
        SpectralDensity density = SpectralDensity.exact(ev);
        return new HessianResult(p, HessianMethod.EXACT, value.loss(), value.gradientNorm(), critical, ev[0], 0.0,
                ev[p - 1], 0.0, zero, counts[0], counts[0], density.fractionBelow(-zero), counts[1],
                density.fractionWithin(-zero, zero), ev, density, 0, 0.0);
    }

    /** {negative, zero, positive}: eigenvalues below −zero, within ±zero, above zero. */
    static long[] counts(double[] eigenvalues, double zero) {
        long[] c = new long[3];
        for (double v : eigenvalues) {
            c[v < -zero ? 0 : v <= zero ? 1 : 2]++;
        }
        return c;
    }

    private static HessianResult lanczos(MlpShape shape, double[] theta, TrainingSet data, HessianSettings s,
                                         MlpLoss.Value value, boolean critical, long seed) {
        try (HessianVectorProducts hvp = new HessianVectorProducts(shape, theta, data)) {
            ExtremeEigenvalues ext = ExtremeEigenvalues.compute(hvp, Seeds.derive(seed, "lanczos-start"),
                    s.lanczosSteps(), s.lanczosTolerance(), s.zeroTolerance());
            SpectralDensity density = StochasticLanczosQuadrature.estimate(hvp, s.slqProbes(), s.slqSteps(),
                    s.slqBlock(), seed);
            int p = shape.parameterCount();
            double zero = s.zeroTolerance() * ext.spectralNorm();
            SpectralDensity.Fraction negative = density.fractionBelow(-zero);
            SpectralDensity.Fraction zeros = density.fractionWithin(-zero, zero);
            int products = (int) hvp.productCount();
            return new HessianResult(p, HessianMethod.LANCZOS, value.loss(), value.gradientNorm(), critical,
                    ext.min(), ext.minError(), ext.max(), ext.maxError(), zero, Math.round(negative.value() * p),
                    ext.countBelow(-zero), negative, Math.round(zeros.value() * p), zeros, null, density, products,
                    0.0);
        }
    }

    private static HessianResult withSeconds(HessianResult r, double seconds) {
        return new HessianResult(r.parameters(), r.method(), r.loss(), r.gradientNorm(), r.critical(), r.lambdaMin(),
                r.lambdaMinError(), r.lambdaMax(), r.lambdaMaxError(), r.zeroThreshold(), r.negativeCount(),
                r.negativeLowerBound(), r.negativeFraction(), r.zeroCount(), r.zeroFraction(), r.eigenvalues(),
                r.density(), r.productCount(), seconds);
    }

    static long cpuNanos() {
        var bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
