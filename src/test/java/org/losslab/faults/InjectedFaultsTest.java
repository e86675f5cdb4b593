package org.losslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The fault seam: the active implementation's semantics, and that only the property switches it on. */
class InjectedFaultsTest {

    @Test
    void failOnceHooksFireOnceAtTheirPlace() {
        InjectedFaults f = new InjectedFaults(Map.of("LOSSLAB_FAIL_ONCE", "25:1:2"));
        assertThatCode(() -> f.trainedEpoch(25, 1, 1)).doesNotThrowAnyException();
        assertThatCode(() -> f.trainedEpoch(50, 1, 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> f.trainedEpoch(25, 1, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("injected failure at width 25, restart 1, epoch 2");
        assertThatCode(() -> f.trainedEpoch(25, 1, 2)).as("once").doesNotThrowAnyException();

        f.failSamplingOnce("net/mnist", 100);
        assertThatCode(() -> f.sampledRows("net/mnist", 50)).doesNotThrowAnyException();
        assertThatCode(() -> f.sampledRows("net/gaussian", 150)).doesNotThrowAnyException();
        assertThatThrownBy(() -> f.sampledRows("net/mnist", 150)).hasMessage("injected failure in net/mnist at row 150");
        assertThatCode(() -> f.sampledRows("net/mnist", 200)).doesNotThrowAnyException();

        f.failRegionTrainingOnce("net", 2);
        assertThatCode(() -> f.sampledRows("train:net", 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> f.trainedRegionNetwork("net", 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pausesAtTheNthReachAndSignals(@TempDir Path tmp) throws Exception {
        Path signal = tmp.resolve("signal");
        InjectedFaults f = new InjectedFaults(Map.of("LOSSLAB_CHAOS_PAUSE", "compare:2",
                "LOSSLAB_CHAOS_SIGNAL", signal.toString()));
        f.reach("report");
        f.reach("compare");
        assertThat(signal).doesNotExist();
        Thread paused = new Thread(() -> f.reach("compare"));
        paused.setDaemon(true);
        paused.setUncaughtExceptionHandler((t, e) -> { }); // the interrupt below ends the pause
        paused.start();
        for (int i = 0; i < 200 && !Files.exists(signal); i++) {
            Thread.sleep(25);
        }
        assertThat(Files.readString(signal)).startsWith("losslab-chaos: paused at compare #2 (pid ");
        assertThat(paused.isAlive()).as("waits with its transaction open").isTrue();
        paused.interrupt();
        paused.join(5000);
        assertThat(paused.isAlive()).isFalse();
    }

    @Test
    void anUnknownPointIsRefused() {
        assertThatThrownBy(() -> new InjectedFaults(Map.of("LOSSLAB_CHAOS_PAUSE", "checkpoints:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'checkpoints'");
    }

    @Test
    void onlyThePropertySwitchesFaultsOn() {
        assertThat(faults()).isInstanceOf(NoFaults.class);
        assertThat(faults(FaultsConfiguration.ENABLED + "=false")).isInstanceOf(NoFaults.class);
        assertThat(faults(FaultsConfiguration.ENABLED + "=true")).isInstanceOf(InjectedFaults.class);
    }

    private static Faults faults(String... properties) {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(FaultsConfiguration.class)
                .web(WebApplicationType.NONE).registerShutdownHook(false).logStartupInfo(false)
                .properties(properties).run()) {
            return ctx.getBean(Faults.class);
        }
    }
}
