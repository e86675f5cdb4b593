package org.losslab.hessian;

import java.util.OptionalLong;

/**
 * The Hessian of one network's training loss at its stored parameters.
 *
 * @param parameters         P
 * @param method             exact (dense) or Lanczos
 * @param loss               training loss in double precision at the point
 * @param gradientNorm       ‖∇L‖₂ at the point
 * @param critical           gradientNorm ≤ the settings' threshold; otherwise no index is claimed
 * @param lambdaMin          smallest eigenvalue (Lanczos: smallest Ritz value, never below it)
 * @param lambdaMinError     0 when exact, else the Ritz residual bound
 * @param lambdaMax          largest eigenvalue (Lanczos: never above it)
 * @param lambdaMaxError     0 when exact, else the Ritz residual bound
 * @param zeroThreshold      |λ| ≤ this counts as zero (zeroTolerance · ‖H‖₂)
 * @param negativeCount      eigenvalues below −zeroThreshold (Lanczos: round(P · fraction estimate))
 * @param negativeLowerBound exact count, or for Lanczos the rigorous lower bound from interlacing
 * @param negativeFraction   negativeCount / P with its uncertainty (none when exact)
 * @param zeroCount          eigenvalues within ±zeroThreshold (Lanczos: estimate)
 * @param zeroFraction       with its uncertainty
 * @param eigenvalues        all eigenvalues ascending when exact, else null
 * @param density            exact eigenvalues or the SLQ quadrature
 * @param productCount       Hessian-vector products used (0 when exact)
 * @param cpuSeconds         CPU seconds of the calling thread
 */
public record HessianResult(int parameters, HessianMethod method, double loss, double gradientNorm, boolean critical,
                            double lambdaMin, double lambdaMinError, double lambdaMax, double lambdaMaxError,
                            double zeroThreshold, long negativeCount, long negativeLowerBound,
                            SpectralDensity.Fraction negativeFraction, long zeroCount,
                            SpectralDensity.Fraction zeroFraction, double[] eigenvalues, SpectralDensity density,
                            int productCount, double cpuSeconds) {

    /** The Morse index, claimed only at a critical point. */
    public OptionalLong index() {
        return critical ? OptionalLong.of(negativeCount) : OptionalLong.empty();
    }

    /** The index as a fraction of P, claimed only at a critical point (NaN otherwise). */
    public double indexFraction() {
        return critical ? negativeFraction.value() : Double.NaN;
    }

    public double spectralNorm() {
        return Math.max(Math.abs(lambdaMin), Math.abs(lambdaMax));
    }
}
