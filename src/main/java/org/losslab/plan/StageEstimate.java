package org.losslab.plan;

import java.util.List;

/**
 * What one stage of a spec will do and cost (docs/performance.md "Projections"): its work items, the
 * peak memory it needs while it runs, and the database space its results and checkpoints take.
 *
 * @param stage       the step name, e.g. {@code train}
 * @param summary     one line for people: the work, sizes and partitions
 * @param work        the work items whose time is projected
 * @param peakMemory  peak bytes (off-heap and heap) with the run's partition threads, from the memory pre-checks
 * @param dbBytes     bytes its rows and checkpoints take in the database (peak, before checkpoints are deleted)
 * @param dbRows      rows it writes
 * @param notes       what the operator should know before running it, e.g. a setting too small for a finding to
 *                    be decided (printed under the stage; nothing is refused for it)
 */
public record StageEstimate(String stage, String summary, List<Work> work, long peakMemory, long dbBytes, long dbRows,
                            List<String> notes) {

    public StageEstimate {
        work = List.copyOf(work);
        notes = List.copyOf(notes);
    }

    /** An estimate without notes. */
    public StageEstimate(String stage, String summary, List<Work> work, long peakMemory, long dbBytes, long dbRows) {
        this(stage, summary, work, peakMemory, dbBytes, dbRows, List.of());
    }

    /** Total CPU seconds at these rates. */
    public double cpuSeconds(MachineRates rates) {
        return work.stream().mapToDouble(w -> w.cpuSeconds(rates)).sum();
    }

    /**
     * Wall seconds with {@code threads} partition threads: the CPU time over the speed-up of as many
     * concurrent partitions as there are (at most the threads), but never less than its largest partition.
     */
    public double wallSeconds(MachineRates rates, int threads) {
        long partitions = work.stream().mapToLong(Work::partitions).sum();
        int concurrent = (int) Math.max(1, Math.min(threads, partitions));
        double largest = work.stream().mapToDouble(w -> w.cpuSeconds(rates) / w.partitions()).max().orElse(0);
        return Math.max(cpuSeconds(rates) / rates.speedup(concurrent), largest / rates.speedup(1));
    }
}
