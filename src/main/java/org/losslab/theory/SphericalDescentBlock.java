package org.losslab.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.losslab.theory.DescentSettings.Method;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A block of R restarts of Riemannian descent on one 3-spin sample (science.md §A.5.1), advanced together.
 * One step costs one GEMM {@code T = W·X} ((R×N)·(N×N²), 2N³R flops, into a preallocated buffer), a broadcast
 * multiply by W and a reduction giving {@code g_r = X_sym(·, w_r, w_r)}; then {@code ∇H = 3g/N} (§1 with p = 3),
 * the tangent projection, the step and the renormalization to ‖w‖² = N, which are O(RN) and done in Java.
 * DOUBLE throughout (bit-stable checkpoints; FLOAT would roughly double GEMM speed and halve memory).
 *
 * <p>The caller advances in units ({@link #advance}) and may checkpoint between them: {@link #exportState()}
 * holds W, the step counter and the per-restart GD stop steps, and a block built from the same couplings,
 * settings, seed and first restart continues bit-identically after {@link #importState} (with the same ND4J
 * native build and OMP thread count, see docs/architecture.md).
 * Restart r starts uniform on the sphere from {@code SplittableRandom(Seeds.derive(seed, "descent-start", N, r))}.
 */
public final class SphericalDescentBlock implements AutoCloseable {

    private static final double STATE_FORMAT = 1.0;

    private final ThreeSpinCouplings couplings;
    private final DescentSettings settings;
    private final int n;
    private final int r;
    private final long firstRestart;
    private final INDArray w;
    private final INDArray t;
    private final INDArray g;
    private final double[] wJava;
    private final long[] stoppedAt;
    private long step;

    /** Off-heap and heap bytes of one block's buffers for size N and R restarts (the couplings not included). */
    public static long bytesNeeded(int n, int restarts) {
        long tBuffer = (long) restarts * n * n * Double.BYTES;
        long vectors = 6L * restarts * n * Double.BYTES; // W, g (ND4J) and Java copies
        long hessian = 3L * n * n * Double.BYTES;          // one Hessian at a time for the index
        return tBuffer + vectors + hessian;
    }

    /** Couplings plus one block: what a caller must have free before generating and allocating. */
    public static long bytesNeeded(int n, int restarts, DescentSettings settings) {
        return ThreeSpinCouplings.bytesNeeded(n, settings.samples()) + bytesNeeded(n, restarts);
    }

    public SphericalDescentBlock(ThreeSpinCouplings couplings, DescentSettings settings, long seed, long firstRestart, int restarts) {
        this(couplings, settings, firstRestart, SphereRows.gaussianStarts(couplings.n(), seed, firstRestart, restarts));
    }

    /**
     * A block that starts from given points (row-major R×N, each rescaled onto ‖w‖² = N), e.g. the end points of
     * simulated annealing that {@link SphericalAnnealingBlock} polishes; the array is copied.
     */
    public static SphericalDescentBlock fromPoints(ThreeSpinCouplings couplings, DescentSettings settings,
                                                   long firstRestart, double[] points) {
        int n = couplings.n();
        if (points.length == 0 || points.length % n != 0) {
            throw new IllegalArgumentException("start points: length " + points.length + " is not a positive multiple of N = " + n);
        }
        return new SphericalDescentBlock(couplings, settings, firstRestart, points.clone());
    }

    private SphericalDescentBlock(ThreeSpinCouplings couplings, DescentSettings settings, long firstRestart, double[] starts) {
        int restarts = starts.length / couplings.n();
        // GD reads only the full tensor, so any P will do; SGD walks the P mini-batches of the couplings
        if (settings.method() == Method.SGD && couplings.samples() != settings.samples()) {
            throw new IllegalArgumentException("samples (P) of the settings (" + settings.samples()
                    + ") must match the couplings (" + couplings.samples() + ")");
        }
        this.couplings = couplings;
        this.settings = settings;
        this.n = couplings.n();
        this.r = restarts;
        this.firstRestart = firstRestart;
        this.wJava = starts;
        for (int row = 0; row < r; row++) {
            SphereRows.normalize(wJava, row, n);
        }
        this.w = Nd4j.create(DataType.DOUBLE, r, n);
        this.g = Nd4j.create(DataType.DOUBLE, r, n);
        this.t = Nd4j.create(DataType.DOUBLE, r, (long) n * n);
        this.w.data().setData(wJava);
        this.stoppedAt = new long[r];
        Arrays.fill(stoppedAt, -1);
    }

    /** The coupling tensor this block descends on (not owned: {@link #close} leaves it open). */
    public ThreeSpinCouplings couplings() {
        return couplings;
    }

    public long step() {
        return step;
    }

    public boolean isFinished() {
        if (step >= settings.totalSteps()) {
            return true;
        }
        return settings.method() == Method.GD && Arrays.stream(stoppedAt).allMatch(s -> s >= 0);
    }

    /** Performs up to {@code steps} steps of the schedule; returns how many were done (0 once finished). */
    public int advance(int steps) {
        int done = 0;
        while (done < steps && !isFinished()) {
            long next = step + 1;
            int batch = settings.miniBatch(next);
            INDArray tensor = batch < 0 ? couplings.full() : couplings.part(batch);
            double rate = settings.rate(next);
            double[] grad = contract(tensor);
            for (int row = 0; row < r; row++) {
                if (stoppedAt[row] >= 0) {
                    continue;
                }
                double gradNorm = SphereRows.tangentGradient(grad, wJava, row, n);
                if (settings.method() == Method.GD && gradNorm < settings.gdTolerance()) {
                    stoppedAt[row] = step;
                    continue;
                }
                SphereRows.stepAndRetract(wJava, grad, row, n, rate);
            }
            w.data().setData(wJava);
            step = next;
            done++;
        }
        return done;
    }

    /** {@code g_r = X(·, w_r, w_r)} for all rows, as a row-major R×N Java array. */
    private double[] contract(INDArray tensor) {
        Nd4j.gemm(w, tensor, t, false, false, 1.0, 0.0);
        INDArray t3 = t.reshape(r, n, n);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(t3, w, t3, 0, 2));
        t3.sum(g, 2);
        return g.data().asDouble();
    }

    /**
     * Energy density u = H/N, Riemannian gradient norm, convergence (‖∇_S H‖ below the settings' tolerance, for
     * GD and SGD alike) and (if {@code withIndex}, O(N³) per restart, converged restarts only) the index of the
     * tangent Hessian at the current points, all with the full tensor.
     */
    public List<DescentOutcome> outcomes(boolean withIndex) {
        Nd4j.gemm(w, couplings.full(), t, false, false, 1.0, 0.0);
        List<double[][]> hessians = new ArrayList<>();
        if (withIndex) {
            for (int row = 0; row < r; row++) {
                hessians.add(SphereRows.hessian(t.getRow(row).toDoubleVector(), n));
            }
        }
        INDArray t3 = t.reshape(r, n, n);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(t3, w, t3, 0, 2));
        t3.sum(g, 2);
        double[] grad = g.data().asDouble();
        List<DescentOutcome> out = new ArrayList<>(r);
        for (int row = 0; row < r; row++) {
            double u = SphereRows.energyDensity(grad, wJava, row, n);
            double gradNorm = SphereRows.tangentGradient(grad, wJava, row, n);
            boolean converged = stoppedAt[row] >= 0 || gradNorm < settings.gdTolerance();
            int index = -1;
            if (withIndex && converged) {
                double[] sigma = Arrays.copyOfRange(wJava, row * n, (row + 1) * n);
                index = TangentSpace.index(hessians.get(row), sigma, 3.0 * u);
            }
            if (withIndex) {
                hessians.set(row, null);
            }
            long steps = stoppedAt[row] >= 0 ? stoppedAt[row] : step;
            out.add(new DescentOutcome(firstRestart + row, u, gradNorm, converged, index, steps));
        }
        return out;
    }

    /** The current points, row-major R×N (a copy). */
    public double[] weights() {
        return wJava.clone();
    }

    /** Exact state: {format, step, R, N, W (R·N), stop steps (R)}. */
    public double[] exportState() {
        double[] out = new double[4 + r * n + r];
        out[0] = STATE_FORMAT;
        out[1] = step;
        out[2] = r;
        out[3] = n;
        System.arraycopy(wJava, 0, out, 4, r * n);
        for (int row = 0; row < r; row++) {
            out[4 + r * n + row] = stoppedAt[row];
        }
        return out;
    }

    /** Restores a state written by {@link #exportState()} of a block with the same N and R. */
    public void importState(double[] state) {
        if (state.length != 4 + r * n + r || state[0] != STATE_FORMAT || state[2] != r || state[3] != n) {
            throw new IllegalArgumentException("state does not belong to a block with N=" + n + " and R=" + r);
        }
        step = (long) state[1];
        System.arraycopy(state, 4, wJava, 0, r * n);
        for (int row = 0; row < r; row++) {
            stoppedAt[row] = (long) state[4 + r * n + row];
        }
        w.data().setData(wJava);
    }

    @Override
    public void close() {
        w.close();
        g.close();
        t.close();
    }
}
