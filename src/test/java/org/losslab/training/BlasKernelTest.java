package org.losslab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel recorded for an environment, and the one the launcher would choose for a CPU. */
class BlasKernelTest {

    @Test
    void theEnvironmentsKernelOrAuto() {
        assertThat(BlasKernel.coretype(Map.of("OPENBLAS_CORETYPE", " Haswell "))).isEqualTo("Haswell");
        assertThat(BlasKernel.coretype(Map.of())).isEqualTo(BlasKernel.AUTO);
        assertThat(BlasKernel.coretype(Map.of("OPENBLAS_CORETYPE", ""))).isEqualTo(BlasKernel.AUTO);
    }

    @Test
    void skylakeXNeedsAllFourAvx512FlagsOnAnyProcessor() {
        String cpu = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512bw avx512vl\n\n"
                + "processor\t: 1\nflags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512bw avx512vl\n";
        assertThat(BlasKernel.fastestFor(cpu)).isEqualTo("SkylakeX");
        assertThat(BlasKernel.fastestFor("flags : fpu sse2 avx2 fma avx512f avx512dq avx512vl")).isEqualTo(BlasKernel.AUTO);
        assertThat(BlasKernel.fastestFor("flags : fpu sse2 avx2 fma")).isEqualTo(BlasKernel.AUTO);
        assertThat(BlasKernel.fastestFor("")).isEqualTo(BlasKernel.AUTO);
    }
}
