package org.losslab.comparison;

import org.losslab.comparison.Comparison.Verdict;

/**
 * The decision rule of every "decreases with size" claim (docs/science.md §E.3): the slope's interval
 * entirely below 0 is consistent, entirely at or above 0 inconsistent, and one that straddles 0 (or is
 * missing) undetermined.
 */
final class Trend {

    private Trend() {
    }

    static Verdict decreasing(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return Verdict.UNDETERMINED;
        }
        return high < 0 ? Verdict.CONSISTENT : low >= 0 ? Verdict.INCONSISTENT : Verdict.UNDETERMINED;
    }

    static String explain(Verdict v, String level) {
        return switch (v) {
            case CONSISTENT -> "the " + level + " interval of the slope lies below 0";
            case INCONSISTENT -> "the " + level + " interval of the slope lies at or above 0";
            case UNDETERMINED -> "the " + level + " interval of the slope contains 0";
        };
    }
}
