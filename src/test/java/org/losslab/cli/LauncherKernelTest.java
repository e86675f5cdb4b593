package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of OpenBLAS kernel ({@code scripts/lib/openblas-kernel.sh}, sourced by {@code ./losslab})
 * on made-up CPUs: AVX-512 CPUs get SkylakeX unless the environment chose; a machine-wide slower choice is kept
 * with one warning on the computing commands; {@code LOSSLAB_OPENBLAS_CORETYPE} wins over it.
 */
class LauncherKernelTest {

    private static final String AVX512 = "flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl\n";
    private static final String AVX2 = "flags\t\t: fpu sse sse2 avx avx2 fma\n";

    @TempDir
    Path tmp;

    /** The kernel exported (empty when none) and what went to stderr. */
    private record Choice(String kernel, String stderr) {
    }

    private Choice choose(String cpuFlags, String command, Map<String, String> env) throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, cpuFlags);
        Path script = Path.of("scripts/lib/openblas-kernel.sh").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                ". \"$1\"; losslab_openblas_kernel \"$2\" \"$3\"; printf '%s' \"${OPENBLAS_CORETYPE:-}\"",
                "test", script.toString(), cpuinfo.toString(), command);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("LOSSLAB_OPENBLAS_CORETYPE");
        pb.environment().putAll(env);
        pb.redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new Choice(out, Files.readString(tmp.resolve("stderr")));
    }

    @Test
    void anAvx512CpuGetsSkylakeXWhenNothingIsSet() throws Exception {
        assertThat(choose(AVX512, "run", Map.of())).isEqualTo(new Choice("SkylakeX", ""));
        assertThat(choose(AVX2, "run", Map.of())).isEqualTo(new Choice("", ""));
    }

    @Test
    void aSlowerMachineWideKernelIsKeptWithOneWarningOnComputingCommands() throws Exception {
        Choice run = choose(AVX512, "run", Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertThat(run.kernel()).isEqualTo("Haswell");
        assertThat(run.stderr().lines()).singleElement().asString()
                .contains("OPENBLAS_CORETYPE=Haswell", "LOSSLAB_OPENBLAS_CORETYPE=SkylakeX");
        assertThat(choose(AVX512, "bench", Map.of("OPENBLAS_CORETYPE", "Zen")).stderr()).contains("OPENBLAS_CORETYPE=Zen");
        assertThat(choose(AVX512, "sql", Map.of("OPENBLAS_CORETYPE", "Haswell"))).isEqualTo(new Choice("Haswell", ""));
        assertThat(choose(AVX512, "run", Map.of("OPENBLAS_CORETYPE", "SkylakeX"))).isEqualTo(new Choice("SkylakeX", ""));
        assertThat(choose(AVX2, "run", Map.of("OPENBLAS_CORETYPE", "Haswell"))).isEqualTo(new Choice("Haswell", ""));
    }

    @Test
    void losslabsOwnSettingWinsOverTheMachineWideOne() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell"));
        env.put("LOSSLAB_OPENBLAS_CORETYPE", "SkylakeX");
        assertThat(choose(AVX512, "run", env)).isEqualTo(new Choice("SkylakeX", ""));
        assertThat(choose(AVX2, "run", Map.of("LOSSLAB_OPENBLAS_CORETYPE", "Prescott"))).isEqualTo(new Choice("Prescott", ""));
    }
}
