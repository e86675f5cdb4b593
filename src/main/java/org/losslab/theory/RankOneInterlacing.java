package org.losslab.theory;

/**
 * Index preservation under a rank-one perturbation (science.md §C.3 item 5 and (iii), check G20):
 * {@code index(M + θ v vᵀ − x) − index(M − x) ∈ {−1, 0, 1}} by Weyl/Cauchy interlacing, and more precisely
 * in {−1, 0} for θ > 0 and in {0, 1} for θ < 0. The index is the number of eigenvalues strictly below x.
 */
public final class RankOneInterlacing {

    private final GoeSampler eigen;

    public RankOneInterlacing(int n) {
        this.eigen = new GoeSampler(n);
    }

    /** Number of eigenvalues of a sorted spectrum strictly below x. */
    public static int countBelow(double[] sorted, double x) {
        int c = 0;
        while (c < sorted.length && sorted[c] < x) {
            c++;
        }
        return c;
    }

    /** {@code index(m + θ v vᵀ − x) − index(m − x)}; v must be a unit vector, or null for (1,…,1)/√N. */
    public int indexChange(double[][] m, double theta, double[] v, double x) {
        int before = countBelow(eigen.eigenvalues(m, 0.0, v), x);
        int after = countBelow(eigen.eigenvalues(m, theta, v), x);
        return after - before;
    }
}
