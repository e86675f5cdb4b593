package org.losslab.theory;

import java.util.SplittableRandom;

import org.losslab.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * R independent Metropolis chains on the sphere ‖w‖² = N for the 3-spin Hamiltonian {@code H(w) = X(w,w,w)/N} of one
 * coupling sample (science.md §1 with p = 3), advanced together: the R proposals cost one GEMM
 * {@code (R×N)·(N×N²)} as one descent step does ({@link SphericalDescentBlock}); only H is needed, not ∇H.
 *
 * <p><b>Proposal.</b> {@code w' = √N (w + sξ_T)/‖w + sξ_T‖} with ξ_T the projection of ξ ~ N(0, I_N) on w^⊥. It is
 * symmetric with respect to the uniform measure on the sphere: the tangent vector that reaches w' from w and the one
 * that reaches w from w' both have length √N·tan∠(w, w'), the Gaussian density of ξ_T depends only on that length,
 * and the Jacobian of the retraction only on the angle. So accepting with min(1, exp(−ΔH/T)) satisfies detailed
 * balance for the Gibbs measure exp(−H/T) (at T = 0: accept iff ΔH ≤ 0).
 *
 * <p><b>Randomness.</b> Chain r's step k draws ξ and the acceptance uniform from
 * {@code SplittableRandom(Seeds.derive(seed, "anneal-step", N, r, k))}; its start is uniform on the sphere from
 * {@code Seeds.derive(seed, "anneal-start", N, r)}. So the state is only (k, W, H, acceptance counts), and a chain
 * is the same whatever block it runs in. Not thread-safe.
 */
final class SphereMetropolis implements AutoCloseable {

    private final ThreeSpinCouplings couplings;
    private final long seed;
    private final long firstRestart;
    private final int n;
    private final int r;
    private final double[] current;
    private final double[] proposal;
    private final double[] hamiltonian;
    private final double[] uniforms;
    private final long[] accepted;
    private long step;
    private INDArray w;
    private INDArray t;
    private INDArray g;

    SphereMetropolis(ThreeSpinCouplings couplings, long seed, long firstRestart, int restarts) {
        this.couplings = couplings;
        this.seed = seed;
        this.firstRestart = firstRestart;
        this.n = couplings.n();
        this.r = restarts;
        this.current = new double[Math.multiplyExact(r, n)];
        this.proposal = new double[r * n];
        this.uniforms = new double[r];
        this.accepted = new long[r];
        for (int row = 0; row < r; row++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "anneal-start", n, firstRestart + row));
            for (int i = 0; i < n; i++) {
                current[row * n + i] = rng.nextGaussian();
            }
            normalize(current, row);
        }
        this.hamiltonian = hamiltonians(current);
    }

    /** One Metropolis step of every chain at temperature T ≥ 0 with tangent step s (per coordinate). */
    void step(double temperature, double tangentStep) {
        long k = step + 1;
        for (int row = 0; row < r; row++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "anneal-step", n, firstRestart + row, k));
            int o = row * n;
            double dot = 0;
            for (int i = 0; i < n; i++) {
                double xi = rng.nextGaussian();
                proposal[o + i] = xi;
                dot += xi * current[o + i];
            }
            for (int i = 0; i < n; i++) {
                proposal[o + i] = current[o + i] + tangentStep * (proposal[o + i] - dot / n * current[o + i]);
            }
            normalize(proposal, row);
            uniforms[row] = rng.nextDouble();
        }
        double[] proposed = hamiltonians(proposal);
        for (int row = 0; row < r; row++) {
            double delta = proposed[row] - hamiltonian[row];
            boolean accept = delta <= 0 || temperature > 0 && uniforms[row] < StrictMath.exp(-delta / temperature);
            if (accept) {
                System.arraycopy(proposal, row * n, current, row * n, n);
                hamiltonian[row] = proposed[row];
                accepted[row]++;
            }
        }
        step = k;
    }

    /** H of each row of {@code points} (R×N, on the sphere), through the full tensor. */
    double[] hamiltonians(double[] points) {
        if (w == null) {
            w = Nd4j.create(DataType.DOUBLE, r, n);
            g = Nd4j.create(DataType.DOUBLE, r, n);
            t = Nd4j.create(DataType.DOUBLE, r, (long) n * n);
        }
        w.data().setData(points);
        Nd4j.gemm(w, couplings.full(), t, false, false, 1.0, 0.0);
        INDArray t3 = t.reshape(r, n, n);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(t3, w, t3, 0, 2));
        t3.sum(g, 2);
        double[] xww = g.data().asDouble();
        double[] out = new double[r];
        for (int row = 0; row < r; row++) {
            double h = 0;
            for (int i = 0; i < n; i++) {
                h += xww[row * n + i] * points[row * n + i];
            }
            out[row] = h / n;
        }
        return out;
    }

    private void normalize(double[] points, int row) {
        SphereRows.normalize(points, row, n);
    }

    long step() {
        return step;
    }

    /** The current points, row-major R×N (the array itself: do not modify). */
    double[] points() {
        return current;
    }

    /** H of the current points (the array itself: do not modify). */
    double[] hamiltonian() {
        return hamiltonian;
    }

    long accepted(int row) {
        return accepted[row];
    }

    /** Length of {@link #writeState}'s output. */
    int stateLength() {
        return 1 + r * n + 2 * r;
    }

    /** {step, W (R·N), H (R), accepted (R)} into {@code out} from {@code at}. */
    void writeState(double[] out, int at) {
        out[at] = step;
        System.arraycopy(current, 0, out, at + 1, r * n);
        System.arraycopy(hamiltonian, 0, out, at + 1 + r * n, r);
        for (int row = 0; row < r; row++) {
            out[at + 1 + r * n + r + row] = accepted[row];
        }
    }

    void readState(double[] in, int at) {
        step = (long) in[at];
        System.arraycopy(in, at + 1, current, 0, r * n);
        System.arraycopy(in, at + 1 + r * n, hamiltonian, 0, r);
        for (int row = 0; row < r; row++) {
            accepted[row] = (long) in[at + 1 + r * n + r + row];
        }
    }

    /** Frees the ND4J buffers (they are allocated again if another step is taken). */
    @Override
    public void close() {
        if (w != null) {
            w.close();
            g.close();
            t.close();
            w = null;
            g = null;
            t = null;
        }
    }
}
