package org.losslab.theory;

/**
 * One restart's result in {@link SphericalDescentBlock}: u = H/N, the Riemannian gradient norm ‖∇_S H‖, whether
 * the descent converged (‖∇_S H‖ below the tolerance; a descent stopped at its step cap above it is not a
 * critical point), the index of the tangent Hessian (−1 if not computed, and never computed for a descent that
 * did not converge: the index of a non-critical point says nothing about the landscape) and the steps taken
 * (GD: the step at which it met the tolerance, otherwise the block's step count).
 */
public record DescentOutcome(long restart, double energy, double gradientNorm, boolean converged, int index,
                             long steps) {
}
