package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvexQpAndConeProjectionTest {

    /** min (x−1)² + (y−2)² s.t. x + y ≤ 1, x ≥ 0 has the hand solution (0, 1). */
    @Test
    void ojAlgoSolvesAHandCheckedQp() {
        ConvexQp.Solution s = ConvexQp.solve(new double[][] {{2, 0}, {0, 2}}, new double[] {2, 4},
                new double[][] {{1, 1}, {-1, 0}}, new double[] {1, 0});
        assertThat(s.optimal()).as(s.state()).isTrue();
        assertThat(s.u()).containsExactly(new double[] {0, 1}, within(1e-9));
        ConvexQp.Solution free = ConvexQp.solve(new double[][] {{2, 0}, {0, 2}}, new double[] {2, 4},
                new double[0][], new double[0]);
        assertThat(free.u()).containsExactly(new double[] {1, 2}, within(1e-9));
    }

    /** Projection onto the quadrant cone {w ≥ 0} and onto a wedge, by hand. */
    @Test
    void coneProjectionHandCases() {
        ConeProjection quadrant = new ConeProjection(new double[][] {{1, 0}, {0, 1}});
        assertThat(quadrant.project(new double[] {-1, 2})).containsExactly(new double[] {0, 2}, within(1e-15));
        assertThat(quadrant.project(new double[] {-1, -2})).containsExactly(new double[] {0, 0}, within(1e-15));
        assertThat(quadrant.project(new double[] {3, 2})).containsExactly(new double[] {3, 2}, within(0.0));
        // wedge y ≥ |x|: project (2, 0) onto the ray (1,1)/√2 → (1, 1)
        ConeProjection wedge = new ConeProjection(new double[][] {{-1, 1}, {1, 1}});
        assertThat(wedge.project(new double[] {2, 0})).containsExactly(new double[] {1, 1}, within(1e-15));
        assertThat(wedge.project(new double[] {0, -1})).containsExactly(new double[] {0, 0}, within(1e-15));
    }

    /** The hand-written projection agrees with ojAlgo on random cones in R³ with 40 constraints. */
    @Test
    void coneProjectionAgreesWithOjAlgo() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 30; trial++) {
            double[][] g = new double[40][3];
            double[] inside = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            for (double[] gi : g) {
                do {
                    for (int k = 0; k < 3; k++) {
                        gi[k] = r.nextGaussian();
                    }
                } while (Vectors.dot(gi, inside) <= 0);
            }
            double[] p = {3 * r.nextGaussian(), 3 * r.nextGaussian(), 3 * r.nextGaussian()};
            double[] mine = new ConeProjection(g).project(p);
            double[][] a = new double[40][];
            for (int i = 0; i < 40; i++) {
                a[i] = new double[] {-g[i][0], -g[i][1], -g[i][2]};
            }
            ConvexQp.Solution s = ConvexQp.solve(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, p, a, new double[40]);
            assertThat(mine).containsExactly(s.u(), within(1e-8));
            for (double[] gi : g) {
                assertThat(Vectors.dot(gi, mine)).isGreaterThanOrEqualTo(-1e-13);
            }
        }
    }
}
