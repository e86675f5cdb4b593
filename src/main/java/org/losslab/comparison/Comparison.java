package org.losslab.comparison;

/**
 * One comparison of this project's results with a paper or the theory: a row of table
 * {@code comparison} (docs/report.md). {@code finding} is the science.md §E.2 id.
 *
 * @param value           the statistic measured here (null when it cannot be computed)
 * @param ciLow           lower end of its 95% interval, if one is defined
 * @param ciHigh          upper end of its 95% interval
 * @param reference       the paper's or the theory's value, if any
 * @param referenceSource where {@code reference} comes from and how sure it is
 * @param verdict         whether the result agrees with the finding; null for descriptive statistics
 * @param note            one sentence a reader needs to interpret the row
 * @param inputs          provenance of the inputs (relation, filter, count, checksum)
 */
public record Comparison(String finding, String statistic, String subject, Double value, Double ciLow,
                         Double ciHigh, Double reference, String referenceSource, Verdict verdict, String note,
                         ComparisonInputs inputs) {

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

    /** A descriptive statistic: no interval, reference or verdict. */
    public static Comparison describe(String finding, String statistic, String subject, Double value,
                                      ComparisonInputs inputs) {
        return new Comparison(finding, statistic, subject, value, null, null, null, null, null, null, inputs);
    }

    public Comparison withInterval(Double low, Double high) {
        return new Comparison(finding, statistic, subject, value, low, high, reference, referenceSource, verdict,
                note, inputs);
    }

    public Comparison withReference(Double ref, String source) {
        return new Comparison(finding, statistic, subject, value, ciLow, ciHigh, ref, source, verdict, note, inputs);
    }

    public Comparison withVerdict(Verdict v, String why) {
        return new Comparison(finding, statistic, subject, value, ciLow, ciHigh, reference, referenceSource, v, why,
                inputs);
    }

    /** {@code Double} for SQL and display: NaN and infinities become null (nothing to compare). */
    static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
