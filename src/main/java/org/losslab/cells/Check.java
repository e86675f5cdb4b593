package org.losslab.cells;

/**
 * One pass/fail criterion of a certificate: {@code value relation threshold}, e.g.
 * "gradient_norm &lt; 1e−8". The integrator stores each as one row.
 */
public record Check(String name, double value, String relation, double threshold, boolean pass) {

    public static Check lessThan(String name, double value, double threshold) {
        return new Check(name, value, "<", threshold, value < threshold);
    }

    public static Check atMost(String name, double value, double threshold) {
        return new Check(name, value, "<=", threshold, value <= threshold);
    }

    public static Check greaterThan(String name, double value, double threshold) {
        return new Check(name, value, ">", threshold, value > threshold);
    }

    public static Check atLeast(String name, double value, double threshold) {
        return new Check(name, value, ">=", threshold, value >= threshold);
    }

    @Override
    public String toString() {
        return (pass ? "PASS " : "FAIL ") + name + " = " + value + " " + relation + " " + threshold;
    }
}
