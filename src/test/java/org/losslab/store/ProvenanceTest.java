package org.losslab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.training.BlasKernel;

/**
 * The OpenBLAS kernel recorded with every execution (the environment's choice, or "auto"), and the comparison
 * a remote worker makes with the execution's provenance before it takes a partition.
 */
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

    static final Provenance STARTED = new Provenance("0.2.0", "abc123", "CpuBackend", "linux-x86_64", 1, "Haswell",
            "17.0.15", "manager-host", "fast");

    @Test
    void aWorkerThatWouldReproduceTheBitsIsAccepted() {
        // the host and the Java version do not change the bits
        assertThat(new Provenance("0.2.0", "abc123", "CpuBackend", "linux-x86_64", 1, "Haswell", "17.0.9", "worker-host",
                "fast").bitsMismatch(STARTED)).isNull();
        // values an older execution did not record are not compared
        assertThat(STARTED.bitsMismatch(new Provenance("0.2.0", "abc123", "CpuBackend", null, 1, null, null, null, null)))
                .isNull();
    }

    @Test
    void eachFactThatChangesTheBitsIsNamed() {
        assertThat(new Provenance("0.2.0", "def456", "CpuBackend", "linux-x86_64", 1, "Haswell", "17", "w", "fast")
                .bitsMismatch(STARTED)).contains("build 0.2.0 def456", "started with 0.2.0 abc123");
        assertThat(new Provenance("0.2.0", "abc123", "CudaBackend", "linux-x86_64", 1, "Haswell", "17", "w", "nd4j")
                .bitsMismatch(STARTED)).contains("ND4J backend CudaBackend");
        assertThat(new Provenance("0.2.0", "abc123", "CpuBackend", "linux-x86_64", 2, "Haswell", "17", "w", "fast")
                .bitsMismatch(STARTED)).contains("OpenMP threads 2", "LOSSLAB_OMP_THREADS");
        assertThat(new Provenance("0.2.0", "abc123", "CpuBackend", "linux-x86_64", 1, "SkylakeX", "17", "w", "fast")
                .bitsMismatch(STARTED)).contains("OpenBLAS kernel SkylakeX", "OPENBLAS_CORETYPE");
        assertThat(new Provenance("0.2.0", "abc123", "CpuBackend", "linux-x86_64", 1, "Haswell", "17", "w", "nd4j")
                .bitsMismatch(STARTED)).contains("batched trainer path nd4j", "LOSSLAB_BATCHED_PATH");
    }
}
