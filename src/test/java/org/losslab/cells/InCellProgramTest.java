package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.losslab.Seeds;

/** The hand-written in-cell solver (cone least squares + active-set refinement) against ojAlgo's QP. */
class InCellProgramTest {

    @Test
    void agreesWithOjAlgoOnTrainedCells() {
        for (long seed = 1; seed <= 4; seed++) {
            Dataset d = Datasets.nonlinearRegression2d(seed, 40);
            Network net = new Network(new int[] {2, 6, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
            double[] theta = CellStarts.train(net, d, CellStarts.heInit(net, new SplittableRandom(Seeds.derive(seed, "t"))), 200);
            OneHiddenCell cell = OneHiddenCell.of(net, theta, d);
            InCellProgram mine = InCellProgram.solve(cell);
            assertThat(mine.optimal()).as(mine.state()).isTrue();
            assertThat(mine.minSlack()).isGreaterThanOrEqualTo(-1e-12);
            assertThat(mine.kktResidual()).isLessThan(1e-10);
            assertThat(mine.risk()).as("seed " + seed).isCloseTo(ojAlgoRisk(cell), within(1e-9));
        }
    }

    /** The same QP in ojAlgo's form: ½uᵀQu − cᵀu with Q = 2AᵀA/n, c = 2Aᵀy/n, −τσ x̃·u_j ≤ 0. */
    private static double ojAlgoRisk(OneHiddenCell cell) {
        Dataset data = cell.data;
        int n = data.size();
        int m = cell.m;
        int dim = cell.units * m + 1;
        double[][] a = new double[n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cell.units; j++) {
                for (int k = 0; k < m; k++) {
                    a[i][j * m + k] = cell.slope[i][j] * (k < m - 1 ? data.x()[i][k] : 1);
                }
            }
            a[i][dim - 1] = 1;
        }
        double[][] q = new double[dim][dim];
        double[] c = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < dim; r++) {
                c[r] += 2.0 / n * a[i][r] * data.y()[i][0];
                for (int s = 0; s < dim; s++) {
                    q[r][s] += 2.0 / n * a[i][r] * a[i][s];
                }
            }
        }
        double[][] cons = new double[n * cell.units][dim];
        for (int j = 0; j < cell.units; j++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m; k++) {
                    cons[j * n + i][j * m + k] = -cell.tau[j] * cell.cone[j][i][k];
                }
            }
        }
        ConvexQp.Solution s = ConvexQp.solve(q, c, cons, new double[n * cell.units]);
        assertThat(s.optimal()).as(s.state()).isTrue();
        double risk = 0;
        for (int i = 0; i < n; i++) {
            double r = Vectors.dot(a[i], s.u()) - data.y()[i][0];
            risk += r * r / n;
        }
        return risk;
    }
}
