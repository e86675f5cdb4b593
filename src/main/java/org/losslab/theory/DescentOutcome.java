package org.losslab.theory;

/**
 * One restart's result in {@link SphericalDescentBlock}: u = H/N, the Riemannian gradient norm ‖∇_S H‖, the index
 * of the tangent Hessian (−1 if not computed) and the steps taken (GD: the step at which it met the tolerance,
 * otherwise the block's step count).
 */
public record DescentOutcome(long restart, double energy, double gradientNorm, int index, long steps) {
}
