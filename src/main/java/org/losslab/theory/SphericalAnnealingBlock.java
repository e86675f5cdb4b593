package org.losslab.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


/**
 * A block of R restarts of simulated annealing on one 3-spin sample (science.md §E.2 F6): the Metropolis chains of
 * {@link SphereMetropolis} cooled by an {@link AnnealingSchedule} to T = 0, then a projected-gradient polish of the
 * end points by a GD {@link SphericalDescentBlock}, so the result is a critical point (or is reported as not
 * converged) with the same convergence rule and the same Hessian index as the descent methods.
 *
 * <p>The caller advances in units ({@link #advance}): first the K Metropolis steps, then the polish steps. Between
 * units {@link #exportState()} captures everything, and a block built from the same couplings, schedule, seed and
 * first restart continues bit-identically after {@link #importState} (same ND4J native build and OMP thread count,
 * as for the descent). One Metropolis step costs what one descent step costs (one GEMM of 2N³R flops); the ND4J
 * buffers of the chains are freed when the polish starts, so the block never holds two R×N² buffers.
 */
public final class SphericalAnnealingBlock implements AutoCloseable {

    private static final double STATE_FORMAT = 1.0;
    private static final int HEADER = 4;

    private final ThreeSpinCouplings couplings;
    private final AnnealingSchedule schedule;
    private final long firstRestart;
    private final int n;
    private final int r;
    private final SphereMetropolis chains;
    private SphericalDescentBlock polish;

    public SphericalAnnealingBlock(ThreeSpinCouplings couplings, AnnealingSchedule schedule, long seed, long firstRestart,
                                   int restarts) {
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        this.couplings = couplings;
        this.schedule = schedule;
        this.firstRestart = firstRestart;
        this.n = couplings.n();
        this.r = restarts;
        this.chains = new SphereMetropolis(couplings, seed, firstRestart, restarts);
    }

    /** Off-heap and heap bytes of one block for size N and R restarts (the couplings not included). */
    public static long bytesNeeded(int n, int restarts) {
        return SphericalDescentBlock.bytesNeeded(n, restarts) + 3L * restarts * n * Double.BYTES;
    }

    /** Couplings with P samples plus one block: what a caller must have free before generating and allocating. */
    public static long bytesNeeded(int n, int restarts, int samples) {
        return ThreeSpinCouplings.bytesNeeded(n, samples) + bytesNeeded(n, restarts);
    }

    /** Units done: Metropolis steps plus polish steps. */
    public long step() {
        return chains.step() + (polish == null ? 0 : polish.step());
    }

    /** Whether the Metropolis phase has ended and the polish has stopped (all converged or at its cap). */
    public boolean isFinished() {
        return polish != null && polish.isFinished();
    }

    /** Performs up to {@code units} units (Metropolis steps, then polish steps); returns how many (0 once finished). */
    public int advance(int units) {
        int done = 0;
        while (done < units && chains.step() < schedule.steps()) {
            long k = chains.step() + 1;
            chains.step(schedule.temperature(k), schedule.tangentStep(k, n));
            done++;
        }
        if (chains.step() == schedule.steps() && polish == null) {
            startPolish();
        }
        if (polish != null && done < units) {
            done += polish.advance(units - done);
        }
        return done;
    }

    private void startPolish() {
        polish = SphericalDescentBlock.fromPoints(couplings, schedule.polish(), firstRestart, chains.points());
        chains.close();
    }

    /**
     * Per restart: u where annealing ended, the acceptance rate, and u, ‖∇_S H‖, convergence and (if
     * {@code withIndex} and converged, O(N³) each) the index after the polish. Only once the Metropolis phase is over.
     */
    public List<AnnealingOutcome> outcomes(boolean withIndex) {
        if (polish == null) {
            throw new IllegalStateException("annealing outcomes are defined after the " + schedule.steps()
                    + " Metropolis steps; " + chains.step() + " done");
        }
        List<DescentOutcome> polished = polish.outcomes(withIndex);
        List<AnnealingOutcome> out = new ArrayList<>(r);
        for (int row = 0; row < r; row++) {
            DescentOutcome d = polished.get(row);
            boolean converged = d.gradientNorm() < AnnealingSchedule.POLISH_TOLERANCE;
            out.add(new AnnealingOutcome(firstRestart + row, chains.hamiltonian()[row] / n,
                    (double) chains.accepted(row) / schedule.steps(), d.energy(), d.gradientNorm(), converged,
                    converged ? d.index() : -1, d.steps()));
        }
        return out;
    }

    /** The current points, row-major R×N (a copy): the chains' during annealing, the polish's afterwards. */
    public double[] weights() {
        return polish == null ? chains.points().clone() : polish.weights();
    }

    /** Exact state: {format, R, N, polishing (0/1), chains {k, W, H, accepted}, then the polish block's state}. */
    public double[] exportState() {
        double[] polishState = polish == null ? new double[0] : polish.exportState();
        double[] out = new double[HEADER + chains.stateLength() + polishState.length];
        out[0] = STATE_FORMAT;
        out[1] = r;
        out[2] = n;
        out[3] = polish == null ? 0 : 1;
        chains.writeState(out, HEADER);
        System.arraycopy(polishState, 0, out, HEADER + chains.stateLength(), polishState.length);
        return out;
    }

    /** Restores a state written by {@link #exportState()} of a block with the same N, R and schedule. */
    public void importState(double[] state) {
        int chainsEnd = HEADER + chains.stateLength();
        if (state.length < chainsEnd || state[0] != STATE_FORMAT || state[1] != r || state[2] != n) {
            throw new IllegalArgumentException("annealing state does not belong to a block with N=" + n + " and R=" + r);
        }
        boolean polishing = state[3] == 1;
        long k = (long) state[HEADER];
        if (k < 0 || k > schedule.steps() || polishing != (k == schedule.steps()) || !polishing && state.length != chainsEnd) {
            throw new IllegalArgumentException("annealing state: step " + k + " and phase do not fit a schedule of "
                    + schedule.steps() + " Metropolis steps");
        }
        if (polish != null) {
            polish.close();
            polish = null;
        }
        chains.readState(state, HEADER);
        if (polishing) {
            startPolish();
            polish.importState(Arrays.copyOfRange(state, chainsEnd, state.length));
        }
    }

    @Override
    public void close() {
        chains.close();
        if (polish != null) {
            polish.close();
        }
    }
}
