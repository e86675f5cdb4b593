package org.losslab.comparison;

/**
 * One comparison of this project's results with a paper or the theory: a row of table
 * {@code comparison} (docs/report.md). {@code finding} is the docs/science.md §E.2 id. A row with a verdict decides
 * (part of) its finding; a row without one is descriptive.
 *
 * @param value           the statistic measured here (null when it cannot be computed)
 * @param ciLow           lower end of its interval at level 1 − α of {@code test} (95 % by default)
 * @param ciHigh          upper end of that interval
 * @param reference       the paper's or the theory's value, if any (a side note unless the test says otherwise)
 * @param referenceSource where {@code reference} comes from and how sure it is
 * @param verdict         consistent, inconsistent or undetermined; null for descriptive statistics
 * @param note            one sentence a reader needs to interpret the row (the decision rule that applied)
 * @param inputs          provenance and sample sizes of the inputs
 * @param test            the test that produced the interval and the verdict; null if none
 */
public record Comparison(String finding, String statistic, String subject, Double value, Double ciLow,
                         Double ciHigh, Double reference, String referenceSource, Verdict verdict, String note,
                         ComparisonInputs inputs, StatTest test) {

    /** Whether a result agrees with the finding it tests. */
    public enum Verdict {
        CONSISTENT, INCONSISTENT, UNDETERMINED;

        public String sql() {
            return name().toLowerCase();
        }

        public static Verdict of(boolean agrees) {
            return agrees ? CONSISTENT : INCONSISTENT;
        }
    }

    /** A descriptive statistic: no interval, reference, test or verdict. */
    public static Comparison describe(String finding, String statistic, String subject, Double value,
                                      ComparisonInputs inputs) {
        return new Comparison(finding, statistic, subject, value, null, null, null, null, null, null, inputs, null);
    }

    public Comparison withValue(double v) {
        return new Comparison(finding, statistic, subject, finite(v), ciLow, ciHigh, reference, referenceSource, verdict,
                note, inputs, test);
    }

    public Comparison withInterval(Double low, Double high) {
        return new Comparison(finding, statistic, subject, value, low, high, reference, referenceSource, verdict,
                note, inputs, test);
    }

    public Comparison withReference(Double ref, String source) {
        return new Comparison(finding, statistic, subject, value, ciLow, ciHigh, ref, source, verdict, note, inputs,
                test);
    }

    public Comparison withVerdict(Verdict v, String why) {
        return new Comparison(finding, statistic, subject, value, ciLow, ciHigh, reference, referenceSource, v, why,
                inputs, test);
    }

    public Comparison withTest(StatTest t) {
        return new Comparison(finding, statistic, subject, value, ciLow, ciHigh, reference, referenceSource, verdict,
                note, inputs, t);
    }

    /** Whether the expectation this row is judged against is the paper's or a reconstruction. */
    public Findings.Source expectationSource() {
        return Findings.source(finding);
    }

    /** {@code Double} for SQL and display: NaN and infinities become null (nothing to compare). */
    static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
