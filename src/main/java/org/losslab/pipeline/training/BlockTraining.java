package org.losslab.pipeline.training;

import java.util.List;

/**
 * Training of one partition, one unit of work per chunk transaction. The unit is one epoch of one
 * network ({@code dl4j}) or one epoch of every unfinished network of the block ({@code batched}), so
 * the checkpoints of a unit always commit together.
 */
interface BlockTraining extends AutoCloseable {

    /** Trains the next unit and returns what to record, or an empty list when the block is done. */
    List<RunEpoch> next();

    @Override
    void close();
}
