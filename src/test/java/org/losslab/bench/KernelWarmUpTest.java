package org.losslab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    /** Epochs taking these CPU seconds, the last one repeated. */
    private static DoubleSupplier epochs(double... seconds) {
        int[] i = {0};
        return () -> seconds[Math.min(i[0]++, seconds.length - 1)];
    }

    @Test
    void warmsUpUntilEpochsStopGettingFaster() {
        // the Vector API kernels: boxed and ~30x slower until C2 compiles them, then fast
        assertThat(KernelWarmUp.epochsUntilSettled(epochs(3.0, 2.9, 0.5, 0.2, 0.1, 0.1))).isEqualTo(7);
        assertThat(KernelWarmUp.epochsUntilSettled(epochs(0.1, 0.1, 0.1))).isEqualTo(3);
        assertThat(KernelWarmUp.epochsUntilSettled(epochs(0.1, 0.2, 0.15, 0.1))).as("a slow epoch breaks a plateau")
                .isEqualTo(6);
        // a plateau of two epochs (0.11, 0.10) before the kernels are compiled is not taken for the end (seen at n1 = 25)
        assertThat(KernelWarmUp.epochsUntilSettled(epochs(0.9, 0.19, 0.11, 0.10, 0.035, 0.019))).isEqualTo(8);
        assertThat(KernelWarmUp.epochsUntilSettled(epochs(13, 6, 3, 1.4, 0.6, 0.3, 0.12, 0.05, 0.02, 0.01, 0.004, 0.002,
                0.001))).isEqualTo(15);
        int[] n = {0};
        assertThat(KernelWarmUp.epochsUntilSettled(() -> n[0]++ % 2 == 0 ? 1.0 : 2.0)).as("never settles: capped")
                .isEqualTo(KernelWarmUp.MAX_EPOCHS);
    }
}
