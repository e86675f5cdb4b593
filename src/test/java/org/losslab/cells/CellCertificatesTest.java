package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.cells.CertificateResult.Outcome;

class CellCertificatesTest {

    /**
     * Every certificate that applies passes; the trained network's cell has its optimum on the boundary
     * (vacuous, not passed, though every run reaches that optimum), the constructed interior cell is certified,
     * and the control without checks is report-only, never passed.
     */
    @Test
    void defaultRunCertifiesWhatApplies() {
        long t0 = System.nanoTime();
        List<CertificateResult> results = CellCertificates.runAll(CellSettings.defaults(42));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        results.forEach(System.out::println);
        System.out.println("total runtime ms = " + ms);
        assertThat(results).extracting(CertificateResult::certificate).containsExactly("spurious-minimum",
                "spurious-minimum-negative-control", "valley", "in-cell-1-hidden", "in-cell-1-hidden-interior",
                "in-cell-2-hidden-control", "linear-control");
        assertThat(results).extracting(CertificateResult::outcome).containsExactly(Outcome.PASSED, Outcome.PASSED,
                Outcome.PASSED, Outcome.VACUOUS, Outcome.PASSED, Outcome.REPORT_ONLY, Outcome.PASSED);
        CertificateResult boundary = results.get(3);
        assertThat(boundary.passed()).isFalse();
        assertThat(boundary.measurement("qp_active_constraints")).isPositive();
        assertThat(boundary.checks()).allSatisfy(c -> assertThat(c.pass()).as(c.toString()).isTrue());
        assertThat(boundary.outcomeReason()).contains("cell boundary");
        assertThat(results.get(4).measurement("qp_active_constraints")).isZero();
        assertThat(results.get(5).passed()).isFalse();
    }

    @Test
    void suppliedTwoOutputDataSkipsTheInCellTests() {
        Dataset d = NetworkTest.randomData(9, 30, 4, 2, Loss.SQUARED);
        CellSettings s = new CellSettings(1, d, 30, TwoPieceActivation.LEAKY_RELU, 8, 2, 2, 5, 300, 50,
                InCellOptimality.Options.defaults(1), 2);
        List<CertificateResult> results = CellCertificates.runAll(s);
        assertThat(results.get(0).passed()).as(results.get(0).toString()).isTrue();
        assertThat(results.get(3).settings().get("status")).startsWith("skipped");
        assertThat(results.get(3).outcome()).isEqualTo(Outcome.VACUOUS);
    }
}
