package org.losslab.theory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.losslab.Seeds;

/**
 * Brute-force enumeration of the critical points of one small spherical p-spin sample (science.md §B.2 (c), §B.8
 * item 5): the oracle for the Kac–Rice numbers (G15, G16) and the data of the finite-N layering (§E.2 F13).
 * {@link KktNewton} runs from {@code starts} points uniform on the sphere, start s drawn from
 * {@code SplittableRandom(Seeds.derive(seed, "newton-start", s))}, so the result is a function of the model and
 * the seed alone.
 *
 * <p><b>Distinct points.</b> Two converged points closer than 1e−6·√N (Euclidean, on the sphere of radius √N) are
 * the same point; Newton's residual tolerance (1e−11·N) is far below that. σ and −σ are never identified: for odd p,
 * H(−σ) = −H(σ), so they are different critical points with different energies (and indices k and N−1−k); for even
 * p they share H and index but are still two points of the sphere, and ABC's counts count both.
 *
 * <p><b>Mirroring.</b> −σ is a critical point whenever σ is (∇H(−σ) = (−1)^(p−1)∇H(σ)), so with {@code mirror}
 * each converged σ also contributes −σ: twice the points per Newton run. It makes the G16 symmetry
 * (count of index k = count of index N−1−k, odd p) hold per sample by construction, so G16 must be tested without it.
 *
 * <p>Each point carries H, u = H/N, its index, ‖∇_S H‖ and the smallest |eigenvalue| of the Riemannian Hessian
 * (non-degeneracy: Kac–Rice counts only non-degenerate points, and a value near 0 marks a point whose index is not
 * to be trusted). Not thread-safe (one per thread).
 */
public final class CriticalPointEnumerator {

    private final SphericalPSpin model;
    private final int n;
    private final KktNewton newton;
    private final SymmetricEigenvalues eigenvalues;

    public CriticalPointEnumerator(SphericalPSpin model) {
        this.model = model;
        this.n = model.n();
        this.newton = new KktNewton(model);
        this.eigenvalues = new SymmetricEigenvalues(n - 1);
    }

    /** The distinct critical points found from {@code starts} Newton runs with mirroring, in increasing energy. */
    public List<CriticalPoint> enumerate(int starts, long seed) {
        return enumerate(starts, seed, true).points();
    }

    /** Every distinct critical point found from {@code starts} Newton runs, in increasing energy. */
    public Enumeration enumerate(int starts, long seed, boolean mirror) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        List<CriticalPoint> found = new ArrayList<>();
        double tolerance = 1e-6 * Math.sqrt(n);
        int converged = 0;
        int lastNew = -1;
        for (int s = 0; s < starts; s++) {
            double[] sigma = newton.solveFrom(randomPoint(new SplittableRandom(Seeds.derive(seed, "newton-start", s))));
            if (sigma == null) {
                continue;
            }
            converged++;
            boolean added = addIfNew(found, sigma, tolerance);
            if (mirror) {
                double[] mirrored = new double[n];
                for (int i = 0; i < n; i++) {
                    mirrored[i] = -sigma[i];
                }
                added |= addIfNew(found, mirrored, tolerance);
            }
            if (added) {
                lastNew = s;
            }
        }
        found.sort(Comparator.comparingDouble(CriticalPoint::hamiltonian));
        return new Enumeration(List.copyOf(found), starts, converged, lastNew);
    }

    private double[] randomPoint(SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        double f = Math.sqrt(n / SphericalPSpin.dot(x, x));
        for (int i = 0; i < n; i++) {
            x[i] *= f;
        }
        return x;
    }

    private boolean addIfNew(List<CriticalPoint> found, double[] sigma, double tolerance) {
        for (CriticalPoint c : found) {
            double dist = 0.0;
            for (int i = 0; i < n; i++) {
                double e = c.sigma()[i] - sigma[i];
                dist += e * e;
            }
            if (Math.sqrt(dist) < tolerance) {
                return false;
            }
        }
        found.add(describe(sigma));
        return true;
    }

    /** H, u, index, ‖∇_S H‖ and min |λ| of the Riemannian Hessian at σ (one eigenvalue decomposition). */
    CriticalPoint describe(double[] sigma) {
        SphericalPSpin.Derivatives d = model.derivatives(sigma);
        double mu = SphericalPSpin.dot(d.gradient(), sigma) / n;
        double[] lambda = eigenvalues.sorted(TangentSpace.restrict(d.hessian(), sigma, mu));
        int index = RankOneInterlacing.countBelow(lambda, 0.0);
        double smallest = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            smallest = Math.min(smallest, Math.abs(l));
        }
        double[] g = d.gradient().clone();
        double projection = SphericalPSpin.dot(g, sigma) / SphericalPSpin.dot(sigma, sigma);
        for (int i = 0; i < n; i++) {
            g[i] -= projection * sigma[i];
        }
        return new CriticalPoint(sigma, d.value(), d.value() / n, index, Math.sqrt(SphericalPSpin.dot(g, g)), smallest);
    }

    /**
     * A critical point σ (‖σ‖² = N) with H(σ), u = H/N, its index, the Riemannian gradient norm ‖∇_S H‖ (≈ 0) and
     * the smallest |eigenvalue| of the Riemannian Hessian.
     */
    public record CriticalPoint(double[] sigma, double hamiltonian, double energy, int index, double gradientNorm,
                                double smallestAbsEigenvalue) {
    }

    /**
     * One disorder sample's enumeration: the distinct points in increasing energy, the number of Newton starts and
     * of those that converged, and the start whose run added the last new point (−1 if none): a saturation
     * diagnostic, since a late last-new start means further starts would likely find more points.
     */
    public record Enumeration(List<CriticalPoint> points, int starts, int converged, int lastNewStart) {

        /** Number of distinct points per index 0..N−1. */
        public int[] countsByIndex(int n) {
            int[] counts = new int[n];
            for (CriticalPoint c : points) {
                counts[c.index()]++;
            }
            return counts;
        }
    }
}
