package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;
import org.losslab.hessian.HessianMethod;
import org.losslab.hessian.HessianSettings;
import org.losslab.pipeline.hessian.HessianStage;
import org.losslab.hessian.MlpShape;

/** The {@code hessian:} section: defaults, the shipped specs, and refusals naming the key. */
class HessianSpecTest {

    static final String BASE = JobSpecTest.VALID + "hessian: {}\n";

    @Test
    void defaultsAreTheKernelDefaultsOverEveryTrainedWidthAndRestart() {
        JobSpec s = JobSpecTest.parse(BASE);
        assertThat(s.has("hessian")).isTrue();
        assertThat(s.hessian().widths()).containsExactly(25, 100);
        assertThat(s.hessian().runsPerWidth()).isEqualTo(3);
        assertThat(s.hessian().seed()).isEqualTo(7);
        assertThat(s.hessian().densityBins()).isEqualTo(100);
        assertThat(HessianStage.settings(s.hessian())).isEqualTo(HessianSettings.DEFAULTS);
        JobSpec set = JobSpecTest.parse(BASE, "hessian.widths=[100]", "hessian.runs_per_width=2",
                "hessian.dense_max_params=12000", "hessian.zero_tolerance=1e-8", "hessian.critical_grad_norm=0.01",
                "hessian.lanczos_steps=50", "hessian.slq_probes=4", "hessian.slq_steps=20", "hessian.slq_block=2",
                "hessian.seed=3");
        assertThat(set.hessian().widths()).containsExactly(100);
        assertThat(HessianStage.settings(set.hessian())).isEqualTo(new HessianSettings(12000, 1e-8, 0.01, 50, 1e-7, 4, 20, 2));
        assertThat(set.hessian().seed()).isEqualTo(3);
        assertThat(JobSpec.fromText("stored", set.text())).usingRecursiveComparison().isEqualTo(set);
    }

    @Test
    void refusesWhatCannotBeAnalysed() {
        assertThatThrownBy(() -> JobSpecTest.parse("name: t\nseed: 1\ndata: {dir: d}\ntheory: {p: [3]}\nhessian: {}\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian").hasMessageContaining("training");
        assertThatThrownBy(() -> JobSpecTest.parse(BASE, "hessian.widths=[50]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian.widths[0]");
        assertThat(JobSpecTest.parse(BASE, "hessian.runs_per_width=4").hessian().runsPerWidth())
                .as("more than the restarts: all of them").isEqualTo(3);
        assertThatThrownBy(() -> JobSpecTest.parse(BASE, "hessian.runs_per_width=0"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian.runs_per_width");
        assertThatThrownBy(() -> JobSpecTest.parse(BASE, "hessian.zero_tolerance=-1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian.zero_tolerance");
        assertThatThrownBy(() -> JobSpecTest.parse(BASE, "hessian.slq_probes=1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian.slq_probes");
        assertThatThrownBy(() -> JobSpecTest.parse(BASE, "hessian.lanczos=5"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hessian.lanczos");
    }

    @Test
    void quickstartIsExactAtN1Of25AndTheH3JobHasTwoHiddenLayers() {
        JobSpec q = JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of());
        assertThat(q.hessian().widths()).containsExactly(25);
        MlpShape shape = MlpShape.of(q.data().inputSize(), q.training().hiddenLayers(), 25);
        assertThat(shape.parameterCount()).isEqualTo(2785);
        assertThat(shape.parameterCount()).isLessThanOrEqualTo(HessianStage.settings(q.hessian()).denseLimit());
        JobSpec h3 = JobSpec.load(Path.of("jobs/choromanska2015-h3.yaml"), List.of());
        assertThat(h3.training().hiddenLayers()).isEqualTo(2);
        assertThat(h3.training().hiddenWidths()).containsExactly(25, 50, 100, 250, 500);
        assertThat(MlpShape.of(100, 2, 25).parameterCount()).isEqualTo(3435)
                .isLessThanOrEqualTo(HessianStage.settings(h3.hessian()).denseLimit());
        assertThat(HessianMethod.EXACT.label()).isEqualTo("exact");
    }
}
