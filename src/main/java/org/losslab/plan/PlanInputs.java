package org.losslab.plan;

import org.losslab.data.MnistShape;

/**
 * What every stage estimate may use besides the spec.
 *
 * @param data    the data split read from the IDX headers, or null when no stage reads data
 * @param threads partition threads of the run ({@code LOSSLAB_THREADS}): the partitions that run at once
 */
public record PlanInputs(MnistShape data, int threads) {

    public PlanInputs {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** The data split; a stage that reads data is only planned with one. */
    public MnistShape requireData() {
        if (data == null) {
            throw new IllegalStateException("this stage reads MNIST, but the plan has no data split");
        }
        return data;
    }
}
