package org.losslab.theory;


/**
 * Schedule of simulated annealing on the spherical 3-spin model (science.md §E.2 F6), a [DEFAULT] design:
 * {@code steps} Metropolis steps k = 1..K at temperature {@code T_k = T_0·(K − k)/K} (linear cooling; in units of
 * H, so the Gibbs weight is exp(−H/T); the last step is at T = 0 exactly, where only moves with ΔH ≤ 0 are
 * accepted), then a projected-gradient polish to a critical point: the GD of {@link DescentSettings#gd} (rate 0.2,
 * stop when ‖∇_S H‖ &lt; 0.01) for at most {@code polishMaxSteps} steps.
 *
 * <p>The proposal moves every coordinate at once: a Gaussian tangent step {@code v = s_k·ξ_T} (ξ ~ N(0, I_N)
 * projected on w^⊥) followed by the retraction {@code w' = √N (w + v)/‖w + v‖}. Its size
 * {@code s_k = (a/√N)·√(max(T_k, T_0/K)/T_0)} follows √T (the width of the Gibbs fluctuations near a minimum, so
 * the acceptance rate falls less as the system cools) and never reaches 0. It is a fixed function of k, not adapted
 * to the chain's history, so every step's kernel satisfies detailed balance for its own exp(−H/T_k). With a = 1
 * the linear part of ΔH has standard deviation about √3·√(T_k/T_0) (each tangent-gradient component of H has
 * variance p = 3, science.md §1) whatever N is.
 *
 * @param steps            K, the number of Metropolis steps (≥ 1)
 * @param startTemperature T_0 &gt; 0, in units of H
 * @param stepScale        a &gt; 0
 * @param polishMaxSteps   cap of the polishing GD (≥ 0)
 */
public record AnnealingSchedule(int steps, double startTemperature, double stepScale, int polishMaxSteps) {

    /** Tolerance of the polish on ‖∇_S H‖: the GD rule of the descent (main.lua). */
    public static final double POLISH_TOLERANCE = 0.01;

    public AnnealingSchedule {
        if (steps < 1) {
            throw new IllegalArgumentException("annealing steps must be >= 1, got " + steps);
        }
        if (!(startTemperature > 0) || !Double.isFinite(startTemperature)) {
            throw new IllegalArgumentException("annealing start temperature must be finite and > 0, got " + startTemperature);
        }
        if (!(stepScale > 0) || !Double.isFinite(stepScale)) {
            throw new IllegalArgumentException("annealing step scale must be finite and > 0, got " + stepScale);
        }
        if (polishMaxSteps < 0) {
            throw new IllegalArgumentException("annealing polish steps must be >= 0, got " + polishMaxSteps);
        }
    }

    /** Temperature of Metropolis step k (1-based): T_0·(K − k)/K, 0 at k = K. */
    public double temperature(long k) {
        return startTemperature * (steps - k) / steps;
    }

    /** Per-coordinate standard deviation s_k of the tangent step of Metropolis step k on the sphere of size N. */
    public double tangentStep(long k, int n) {
        double t = Math.max(temperature(k), startTemperature / steps);
        return stepScale / Math.sqrt(n) * Math.sqrt(t / startTemperature);
    }

    /** The polish: plain Riemannian GD at rate 0.2 until ‖∇_S H‖ &lt; 0.01 or {@code polishMaxSteps}. */
    public DescentSettings polish() {
        return DescentSettings.gd(polishMaxSteps);
    }
}
