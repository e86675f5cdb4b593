package org.losslab.activations;

/**
 * An (L, ε)-approximation of a smooth activation on a compact range (science.md §C.2).
 *
 * @param activation   the fitted L-piece function; its breakpoints define the regions of §C.4
 * @param target       what was approximated ({@code tanh} or {@code sigmoid})
 * @param rangeLo      left end of the range R on which ε holds
 * @param rangeHi      right end of R
 * @param epsilon      a certified bound on {@code sup_{x∈R} |f(x) − f̂(x)|}: the largest error on the
 *                     evaluation grid plus the interpolation remainder {@code h²/8 · max|f″|} of each
 *                     grid cell (f̂ is linear inside a cell, so the error is C² there)
 * @param gridMaxError the largest error actually observed on the evaluation grid (≤ ε; the true sup
 *                     lies between the two)
 * @param gridPoints   number of points of the evaluation grid
 */
public record FittedActivation(PiecewiseLinear activation, String target, double rangeLo, double rangeHi,
                               double epsilon, double gridMaxError, int gridPoints) {
}
