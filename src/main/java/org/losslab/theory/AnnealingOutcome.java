package org.losslab.theory;

/**
 * One restart's result in {@link SphericalAnnealingBlock}.
 *
 * @param restart         restart number
 * @param annealedEnergy  u = H/N where the Metropolis chain ended (before the polish)
 * @param acceptance      fraction of the Metropolis proposals accepted
 * @param energy          u = H/N after the polish
 * @param gradientNorm    ‖∇_S H‖ after the polish
 * @param converged       whether the polish met its tolerance ({@link AnnealingSchedule#POLISH_TOLERANCE})
 * @param index           index of the Riemannian Hessian at the polished point; −1 if not converged or not computed
 * @param polishSteps     GD steps of the polish (the step at which it met the tolerance, else the cap)
 */
public record AnnealingOutcome(long restart, double annealedEnergy, double acceptance, double energy,
                               double gradientNorm, boolean converged, int index, long polishSteps) {
}
