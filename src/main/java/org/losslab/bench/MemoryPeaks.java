package org.losslab.bench;

import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory seen at the sampling points (after each measurement): the largest batched trainer's
 * ND4J buffers, which ND4J M2.1 does not count anywhere, and the JVM's resident set.
 */
final class MemoryPeaks {

    private long offHeap;
    private long rss;

    void sample() {
        sample(0);
    }

    void sample(long trainerOffHeap) {
        offHeap = Math.max(offHeap, trainerOffHeap);
        rss = Math.max(rss, Pointer.physicalBytes());
    }

    long offHeap() {
        return offHeap;
    }

    long rss() {
        return rss;
    }
}
