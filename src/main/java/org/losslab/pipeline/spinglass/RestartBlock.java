package org.losslab.pipeline.spinglass;

import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SphericalAnnealingBlock;
import org.losslab.theory.SphericalDescentBlock;
import org.losslab.theory.ThreeSpinCouplings;

/**
 * One block of spin-glass restarts as the block tasklet drives it, whatever the method: a descent
 * ({@link SphericalDescentBlock}, gd or sgd) or simulated annealing with its polish ({@link SphericalAnnealingBlock},
 * science.md §A.5.3). Both advance in units, export their exact state as doubles and resume bit-identically.
 */
sealed interface RestartBlock extends AutoCloseable {

    /** Opens the block of {@code method} for restarts [from, from + count) on the couplings of size N. */
    static RestartBlock open(String method, SpinGlassSpec s, ThreeSpinCouplings couplings, long seed, int from,
                             int count) {
        if (SpinGlassSpec.ANNEALING.equals(method)) {
            return new Annealing(method, new SphericalAnnealingBlock(couplings, s.schedule(), seed, from, count),
                    s.annealSteps(), couplings);
        }
        return new Descent(method, new SphericalDescentBlock(couplings, s.settings(), seed, from, count), couplings);
    }

    String method();

    /** The coupling tensor the block runs on (not owned: {@link #close} leaves it to the couplings cache). */
    ThreeSpinCouplings couplings();

    int advance(int units);

    boolean isFinished();

    long step();

    double[] exportState();

    void importState(double[] state);

    /** Writes the finished block's outcomes (natural key experiment × N × restart × method). */
    void saveResults(SpinGlassStore store, long experimentId, int n, boolean withIndex, long stepExecutionId);

    @Override
    void close();

    record Descent(String method, SphericalDescentBlock block, ThreeSpinCouplings couplings) implements RestartBlock {
        public int advance(int units) {
            return block.advance(units);
        }

        public boolean isFinished() {
            return block.isFinished();
        }

        public long step() {
            return block.step();
        }

        public double[] exportState() {
            return block.exportState();
        }

        public void importState(double[] state) {
            block.importState(state);
        }

        public void saveResults(SpinGlassStore store, long experimentId, int n, boolean withIndex, long stepExecutionId) {
            store.saveResults(experimentId, n, method, block.outcomes(withIndex), stepExecutionId);
        }

        public void close() {
            block.close();
        }
    }

    record Annealing(String method, SphericalAnnealingBlock block, long steps, ThreeSpinCouplings couplings)
            implements RestartBlock {
        public int advance(int units) {
            return block.advance(units);
        }

        public boolean isFinished() {
            return block.isFinished();
        }

        public long step() {
            return block.step();
        }

        public double[] exportState() {
            return block.exportState();
        }

        public void importState(double[] state) {
            block.importState(state);
        }

        public void saveResults(SpinGlassStore store, long experimentId, int n, boolean withIndex, long stepExecutionId) {
            store.saveAnnealingResults(experimentId, n, block.outcomes(withIndex), stepExecutionId, steps);
        }

        public void close() {
            block.close();
        }
    }
}
