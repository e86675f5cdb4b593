package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.comparison.Synthetic.find;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;

/** Findings F9–F11 from certificate outcomes: vacuous is never consistent, controls carry no verdict. */
class CellVerdictsTest {

    @Test
    void outcomesMapToVerdicts() {
        List<Comparison> rows = CellComparisons.compare(List.of(
                new CertificateRow("d", "spurious-minimum", "passed", null, 5, 0),
                new CertificateRow("d", "spurious-minimum-negative-control", "passed", null, 1, 0),
                new CertificateRow("d", "valley", "failed", null, 2, 1),
                new CertificateRow("d", "in-cell-1-hidden", "vacuous", "the in-cell optimum lies on the cell boundary", 4, 0),
                new CertificateRow("d", "in-cell-1-hidden-interior", "passed", null, 5, 0),
                new CertificateRow("d", "in-cell-2-hidden-control", "report-only", "no checks", 0, 0)), "fx");
        assertThat(find(rows, "spurious-minimum", "d").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(rows, "spurious-minimum", "d").finding()).isEqualTo("F9");
        assertThat(find(rows, "valley", "d").verdict()).isEqualTo(Verdict.INCONSISTENT);
        Comparison vacuous = find(rows, "in-cell-1-hidden", "d");
        assertThat(vacuous.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(vacuous.note()).contains("vacuous", "cell boundary");
        assertThat(find(rows, "in-cell-1-hidden-interior", "d").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(rows, "in-cell-2-hidden-control", "d").verdict()).isNull();
        assertThat(find(rows, "spurious-minimum-negative-control", "d").verdict()).isNull();
    }

    @Test
    void aFailedNegativeControlLeavesTheSpuriousMinimumUndetermined() {
        List<Comparison> rows = CellComparisons.compare(List.of(
                new CertificateRow("d", "spurious-minimum", "passed", null, 5, 0),
                new CertificateRow("d", "spurious-minimum-negative-control", "failed", null, 1, 1)), "fx");
        assertThat(find(rows, "spurious-minimum", "d").verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(find(rows, "spurious-minimum", "d").note()).contains("negative control failed");
    }
}
