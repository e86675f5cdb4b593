package org.losslab.bench;

import java.io.PrintStream;

/**
 * What every measurement of one benchmark run shares: its mode, where it prints, where it records.
 *
 * @param quick   short mode: fewer networks, images, epochs and repeats
 * @param out     the report
 * @param results results in measurement order
 * @param memory  peak memory, sampled after each measurement
 */
record BenchmarkContext(boolean quick, PrintStream out, BenchmarkResults results, MemoryPeaks memory) {
}
