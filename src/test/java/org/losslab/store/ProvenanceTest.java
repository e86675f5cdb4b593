package org.losslab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.training.BlasKernel;

/** The OpenBLAS kernel recorded with every execution: the environment's choice, or "auto". */
class ProvenanceTest {

    @Test
    void recordsTheKernelTheEnvironmentSelects() {
        assertThat(BlasKernel.coretype(Map.of("OPENBLAS_CORETYPE", "SkylakeX"))).isEqualTo("SkylakeX");
        assertThat(BlasKernel.coretype(Map.of("OPENBLAS_CORETYPE", " Haswell "))).isEqualTo("Haswell");
        assertThat(BlasKernel.coretype(Map.of("OPENBLAS_CORETYPE", ""))).isEqualTo(BlasKernel.AUTO);
        assertThat(BlasKernel.coretype(Map.of())).isEqualTo("auto");
    }

    @Test
    void currentProvenanceCarriesThisProcessKernel() {
        assertThat(Provenance.current().openblasCoretype()).isEqualTo(BlasKernel.coretype(System.getenv()));
    }
}
