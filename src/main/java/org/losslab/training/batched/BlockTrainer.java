package org.losslab.training.batched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;

/**
 * A block of K restarts of one width trained in lockstep, whichever kernels do the work: the direct
 * OpenBLAS fast path ({@link BatchedTrainer}) or ND4J's backend-neutral API ({@link Nd4jBlockTrainer},
 * the one that runs on nd4j-cuda). {@link BatchedPath} chooses. Both draw the same initial parameters,
 * walk the same data order and read and write the same {@link Checkpoint}s; see {@link BatchedTrainer}
 * for the contract of each method.
 */
public interface BlockTrainer extends AutoCloseable {

    int size();

    int width();

    int[] restarts();

    int epochsDone();

    boolean isActive(int i);

    void deactivate(int i);

    List<EpochResult> trainEpoch();

    Checkpoint checkpoint(int i);

    void restore(int i, Checkpoint c);

    long[] allocatedBytes();

    Map<BatchedTrainer.Phase, Double> profileSeconds();

    void resetProfile();

    @Override
    void close();

    /** Checkpoints of all K networks, in block order. */
    default List<Checkpoint> checkpoints() {
        List<Checkpoint> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(checkpoint(i));
        }
        return all;
    }

    /** Parameters of network i as float32 bytes in DL4J's flattened layout. */
    default byte[] parameterBytes(int i) {
        return checkpoint(i).params();
    }
}
