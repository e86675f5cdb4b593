package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.cells.CertificateResult.Outcome;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;

/**
 * Every certificate of science.md §D.5 items 2–5 on the two-class MNIST subset of jobs/he2020.yaml
 * (3 vs 5, 300 bundled training digits, 10×10, 10 whitened principal components).
 */
class MnistCellCertificatesTest {

    @Test
    void everyCertificateThatAppliesPassesOnThreesAgainstFives() {
        MnistData d = MnistSource.load(Path.of("data/mnist-10k"));
        Features.Matrix m = Features.downsampled(d.train(), 10, 10);
        int[] labels = Features.labels(d.train());
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < labels.length && xs.size() < 300; i++) {
            if (labels[i] == 3 || labels[i] == 5) {
                double[] x = new double[m.cols()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = m.get(i, j);
                }
                xs.add(x);
                ys.add(new double[] {labels[i] == 3 ? 1 : -1});
            }
        }
        Dataset data = PrincipalComponents.whiten(Dataset.of("mnist-3v5", xs.toArray(double[][]::new),
                ys.toArray(double[][]::new)), 10);
        List<CertificateResult> results = CellCertificates.runAll(CellSettings.defaults(20200101L).withData(data));
        assertThat(results).extracting(CertificateResult::certificate).containsExactly("spurious-minimum",
                "spurious-minimum-negative-control", "valley", "in-cell-1-hidden", "in-cell-2-hidden-control", "linear-control");
        // the trained cell's optimum lies on its boundary (vacuous); the control has no checks (report-only)
        assertThat(results).extracting(CertificateResult::outcome).as(results.toString()).containsExactly(Outcome.PASSED,
                Outcome.PASSED, Outcome.PASSED, Outcome.VACUOUS, Outcome.REPORT_ONLY, Outcome.PASSED);
        assertThat(results.get(3).checks()).allSatisfy(c -> assertThat(c.pass()).as(c.toString()).isTrue());
        CertificateResult inCell = results.get(3);
        assertThat(inCell.measurement("runs_converged")).isEqualTo(20);
        assertThat(inCell.measurement("qp_kkt_residual")).isLessThan(1e-10);
        assertThat(results.get(0).measurement("stage2_gap")).isPositive();
    }
}
