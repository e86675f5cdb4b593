package org.losslab.training.batched;

/** One plain-SGD step of all active networks of a block on the rows in its input buffer(s). */
interface MinibatchStep {

    void run(int r, float lr);
}
