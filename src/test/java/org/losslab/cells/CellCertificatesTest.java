package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellCertificatesTest {

    @Test
    void defaultRunPassesEveryCertificate() {
        long t0 = System.nanoTime();
        List<CertificateResult> results = CellCertificates.runAll(CellSettings.defaults(42));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        results.forEach(System.out::println);
        System.out.println("total runtime ms = " + ms);
        assertThat(results).extracting(CertificateResult::certificate).containsExactly("spurious-minimum",
                "spurious-minimum-negative-control", "valley", "in-cell-1-hidden", "in-cell-2-hidden-control", "linear-control");
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    }

    @Test
    void suppliedTwoOutputDataSkipsTheInCellTests() {
        Dataset d = NetworkTest.randomData(9, 30, 4, 2, Loss.SQUARED);
        CellSettings s = new CellSettings(1, d, 30, TwoPieceActivation.LEAKY_RELU, 8, 2, 2, 5, 300, 50,
                InCellOptimality.Options.defaults(1), 2);
        List<CertificateResult> results = CellCertificates.runAll(s);
        assertThat(results.get(0).passed()).as(results.get(0).toString()).isTrue();
        assertThat(results.get(3).settings().get("status")).startsWith("skipped");
    }
}
