package org.losslab.theory;


/**
 * Schedule of the spherical 3-spin descent (science.md §A.5.1). SGD follows sgd.lua: step t = 1..epochs·P uses
 * mini-batch {@code (t−1) mod P} (sgd.lua's {@code X_sample[1 + (t−1)%P]}) at rate {@code sgdRate/(1 + sgdDecay·t)},
 * then {@code fullSteps} full-gradient steps k = 1.. at {@code fullRate/(1 + fullDecay·k)}. GD follows main.lua:
 * constant rate {@code gdRate} until {@code ‖∇_S H‖ < gdTolerance} or {@code gdMaxSteps}. For both methods
 * {@code gdTolerance} also decides whether a final point counts as converged ({@link DescentOutcome}).
 */
public record DescentSettings(Method method, int samples, int sgdEpochs, double sgdRate, double sgdDecay,
        int fullSteps, double fullRate, double fullDecay, double gdRate, double gdTolerance, int gdMaxSteps) {

    public enum Method { SGD, GD }

    public DescentSettings {
        if (method == null) {
            throw new IllegalArgumentException("method must be SGD or GD");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples (P) must be >= 1, got " + samples);
        }
        if (method == Method.GD && samples != 1) {
            throw new IllegalArgumentException("samples (P) must be 1 for GD, got " + samples);
        }
        if (sgdEpochs < 0 || fullSteps < 0 || gdMaxSteps < 0) {
            throw new IllegalArgumentException("step counts must be >= 0 (sgdEpochs, fullSteps, gdMaxSteps)");
        }
        for (double r : new double[] {sgdRate, sgdDecay, fullRate, fullDecay, gdRate, gdTolerance}) {
            if (!Double.isFinite(r) || r < 0) {
                throw new IllegalArgumentException("rates, decays and tolerance must be finite and >= 0, got " + r);
            }
        }
    }

    /** sgd.lua: P mini-batches, 500·P steps at 0.3/(1+0.0015t), then 1000 full steps at 0.2/(1+0.0015k). */
    public static DescentSettings sgd(int samples) {
        return new DescentSettings(Method.SGD, samples, 500, 0.3, 0.0015, 1000, 0.2, 0.0015, 0.2, 0.01, 0);
    }

    /** main.lua: plain Riemannian GD at rate 0.2, stopping at ‖∇_S H‖ < 0.01 or after maxSteps. */
    public static DescentSettings gd(int maxSteps) {
        return new DescentSettings(Method.GD, 1, 0, 0.3, 0.0015, 0, 0.2, 0.0015, 0.2, 0.01, maxSteps);
    }

    /** Total number of steps of the schedule (the GD cap for GD). */
    public long totalSteps() {
        return method == Method.SGD ? (long) sgdEpochs * samples + fullSteps : gdMaxSteps;
    }

    /** Mini-batch (0-based) used by step t (1-based), or −1 for the full tensor. */
    public int miniBatch(long t) {
        if (method == Method.SGD && t <= (long) sgdEpochs * samples) {
            return samples == 1 ? -1 : (int) ((t - 1) % samples);
        }
        return -1;
    }

    /** Learning rate of step t (1-based) of the schedule. */
    public double rate(long t) {
        if (method == Method.GD) {
            return gdRate;
        }
        long sgdSteps = (long) sgdEpochs * samples;
        return t <= sgdSteps ? sgdRate / (1 + sgdDecay * t) : fullRate / (1 + fullDecay * (t - sgdSteps));
    }
}
