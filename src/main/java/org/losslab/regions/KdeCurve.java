package org.losslab.regions;

/**
 * A density curve on [0, 1]: {@code density[i]} at {@code x[i]}. {@code bandwidth} is the kernel
 * sd; when it is 0 or undefined (fewer than 2 samples, or all samples equal) every density is NaN.
 */
public record KdeCurve(double[] x, double[] density, double bandwidth) {
}
