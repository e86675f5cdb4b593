package org.losslab.training.anneal;


/**
 * Schedule of the simulated-annealing trainer (science.md §A.5 "simulated annealing and SGD", §E.2 F6), a
 * [DEFAULT] design. The energy is the mean cross-entropy L over the annealing set (full batch), the temperature is in
 * the same units (Gibbs weight exp(−L/T)). Sweep k = 1..K runs at {@code T_k = T_0·(K − k)/K} (linear cooling; the
 * last sweep is at T = 0 exactly, where only moves with ΔL ≤ 0 are accepted) and proposes a Gaussian change of
 * standard deviation {@code s_k = a·√(max(T_k, T_0/K)/T_0)} to every parameter once, in a random order: s ∝ √T keeps
 * the acceptance near a minimum (ΔL ≈ ½κδ²) roughly constant, and it is a fixed function of k, never adapted to the
 * chain, so each proposal satisfies detailed balance for its own exp(−L/T_k).
 *
 * @param sweeps           K ≥ 1, the epoch-like chunks (one proposal per parameter each)
 * @param startTemperature T_0 &gt; 0, in units of the mean training loss
 * @param stepScale        a &gt; 0, the standard deviation of a parameter move at T_0
 */
public record AnnealingTrainerSettings(int sweeps, double startTemperature, double stepScale) {

    public AnnealingTrainerSettings {
        if (sweeps < 1) {
            throw new IllegalArgumentException("annealing sweeps must be >= 1, got " + sweeps);
        }
        if (!(startTemperature > 0) || !Double.isFinite(startTemperature)) {
            throw new IllegalArgumentException("annealing start temperature must be finite and > 0, got " + startTemperature);
        }
        if (!(stepScale > 0) || !Double.isFinite(stepScale)) {
            throw new IllegalArgumentException("annealing step scale must be finite and > 0, got " + stepScale);
        }
    }

    /** Temperature of sweep k (1-based): T_0·(K − k)/K, 0 at k = K. */
    public double temperature(int k) {
        return startTemperature * (sweeps - k) / sweeps;
    }

    /** Standard deviation of a parameter move in sweep k (1-based); positive, also at T = 0. */
    public double step(int k) {
        return stepScale * Math.sqrt(Math.max(temperature(k), startTemperature / sweeps) / startTemperature);
    }
}
