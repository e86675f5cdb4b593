package org.losslab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory seen at the sampling points (after each measurement, or every few milliseconds while
 * {@link #poll} runs): the largest batched trainer's ND4J buffers, which ND4J M2.1 does not count
 * anywhere; the JVM's resident set; and the heap (the sum of the heap
 * pools' peaks since {@link #resetHeapPeaks}: an upper bound, the pools may peak at different times).
 */
final class MemoryPeaks {

    private long offHeap;
    private long rss;
    private long heap;

    void sample() {
        sample(0);
    }

    void sample(long trainerOffHeap) {
        offHeap = Math.max(offHeap, trainerOffHeap);
        rss = Math.max(rss, Pointer.physicalBytes());
    }

    /** Resident set and the heap pools' peaks. */
    void sampleProcess() {
        sample();
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        heap = Math.max(heap, sum);
    }

    /** Forgets the JVM's heap-pool peaks, so that {@link #heap()} covers what follows. */
    static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Samples {@link #sampleProcess()} every {@code millis} ms on a daemon thread until closed (then once more). */
    AutoCloseable poll(long millis) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampleProcess();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-peaks");
        t.setDaemon(true);
        t.start();
        return () -> {
            t.interrupt();
            t.join();
            sampleProcess();
        };
    }

    long offHeap() {
        return offHeap;
    }

    long rss() {
        return rss;
    }

    long heap() {
        return heap;
    }
}
