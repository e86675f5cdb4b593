package org.losslab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinearFitter.Target;

class PiecewiseLinearFitterTest {

    /** True sup error on a grid 40× finer than the certification grid, with random jitter. */
    private static double denseError(FittedActivation fit, Target target) {
        double max = 0;
        int n = 1_000_001;
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double x = fit.rangeLo() + (fit.rangeHi() - fit.rangeLo()) * Math.min(1, (i + r.nextDouble()) / (n - 1));
            max = Math.max(max, Math.abs(target.apply(x) - fit.activation().value(x)));
        }
        for (double a : fit.activation().breakpoints()) {
            max = Math.max(max, Math.abs(target.apply(a) - fit.activation().value(a)));
        }
        return max;
    }

    @Test
    void tanhEpsilonBoundsTheTrueErrorAndShrinksWithPieces() {
        double previous = Double.POSITIVE_INFINITY;
        for (int pieces : new int[] {2, 3, 5, 8, 12}) {
            FittedActivation fit = PiecewiseLinearFitter.tanh(pieces);
            assertThat(fit.activation().pieces()).isEqualTo(pieces);
            assertThat(fit.activation().name()).isEqualTo("tanh-pl" + pieces);
            double truth = denseError(fit, Target.TANH);
            assertThat(truth).as("L=%d true error %s ≤ ε %s", pieces, truth, fit.epsilon()).isLessThanOrEqualTo(fit.epsilon());
            assertThat(fit.epsilon() - fit.gridMaxError()).as("bound is tight").isLessThan(1e-5);
            assertThat(fit.epsilon()).as("ε decreases with L").isLessThan(previous);
            previous = fit.epsilon();
        }
        // a 12-piece fit of tanh on [−6, 6] is good to a few 1e-2 (uniform knots give ~0.06)
        assertThat(previous).isLessThan(0.03);
    }

    @Test
    void sigmoidEpsilonBoundsTheTrueError() {
        FittedActivation coarse = PiecewiseLinearFitter.sigmoid(3);
        FittedActivation fine = PiecewiseLinearFitter.sigmoid(6);
        assertThat(denseError(coarse, Target.SIGMOID)).isLessThanOrEqualTo(coarse.epsilon());
        assertThat(denseError(fine, Target.SIGMOID)).isLessThanOrEqualTo(fine.epsilon());
        assertThat(fine.epsilon()).isLessThan(coarse.epsilon());
    }

    @Test
    void fitIsContinuousFloatExactAndSymmetricEnoughForTanh() {
        PiecewiseLinear f = PiecewiseLinearFitter.tanh(5).activation();
        double[] a = f.breakpoints();
        double[] s = f.slopes();
        double[] b = f.intercepts();
        for (int k = 0; k < a.length; k++) {
            assertThat((double) (float) a[k]).as("breakpoint is a float").isEqualTo(a[k]);
            assertThat(s[k] * a[k] + b[k]).as("continuous at a_%d", k + 1).isCloseTo(s[k + 1] * a[k] + b[k + 1],
                    org.assertj.core.api.Assertions.within(1e-12));
        }
        // deterministic
        assertThat(PiecewiseLinearFitter.tanh(5).activation()).isEqualTo(f);
    }
}
