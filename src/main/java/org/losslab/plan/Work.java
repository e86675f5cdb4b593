package org.losslab.plan;

/**
 * One kind of work of a stage, in the units a projection needs: useful floating-point operations, the
 * kernel and shape that decide the rate they run at on this machine, and how they split into partitions
 * (which run concurrently on the run's partition threads).
 *
 * @param what           what it is, for people, e.g. {@code n1=100: 1000 networks x 200 epochs x 60000 examples}
 * @param flops          useful floating-point operations of all of it
 * @param kernel         which measured rate applies ({@link MachineRates})
 * @param shape          the characteristic width of its matrix products (rates are interpolated in it)
 * @param partitions     how many partitions it splits into (1 when it is not partitioned)
 * @param fixedSeconds   time not proportional to flops, e.g. one commit per partition and epoch
 */
public record Work(String what, double flops, Kernel kernel, int shape, long partitions, double fixedSeconds) {

    /** The measured rates a work item can run at. */
    public enum Kernel {
        /** the batched trainer of a block of restarts */
        BATCHED,
        /** one DL4J MultiLayerNetwork at a time */
        DL4J,
        /** other dense numeric code (region sampling, spin-glass descent, theory, certificates) */
        DENSE
    }

    public Work {
        if (!(flops >= 0) || partitions < 1 || shape < 1 || !(fixedSeconds >= 0)) {
            throw new IllegalArgumentException("work '" + what + "': flops and fixed seconds must be >= 0, shape and "
                    + "partitions >= 1");
        }
    }

    /** CPU seconds at these rates: flops over the kernel's rate at this shape, plus the fixed time. */
    public double cpuSeconds(MachineRates rates) {
        return flops / (rates.gflops(kernel, shape) * 1e9) + fixedSeconds;
    }
}
