package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;

/** The {@code enumeration:} section (docs/specs.md): defaults, per-size starts, and N > 8 refused as bad input. */
class EnumerationSpecTest {

    static final String VALID = """
            name: enum
            seed: 7
            enumeration:
              sizes: [4, 6]
              samples: 30
              starts: [200, 1600]
            """;

    static JobSpec parse(String yaml, String... sets) {
        return JobSpec.from(SpecParser.parse("x.yaml", yaml, List.of(sets)));
    }

    @Test
    void defaultsAndStartsPerSize() {
        EnumerationSpec e = parse(VALID).enumeration();
        assertThat(e).isEqualTo(new EnumerationSpec(3, List.of(4, 6), 30, List.of(200, 1600), true, 25, 20_000));
        assertThat(e.startsAt(6)).isEqualTo(1600);
        assertThat(parse(VALID, "enumeration.starts=[50]").enumeration().startsAt(6)).isEqualTo(50);
        assertThat(parse(VALID).has("enumeration")).isTrue();
        assertThat(parse(VALID).needsData()).isFalse();
        JobSpec back = JobSpec.fromText("stored", parse(VALID).text());
        assertThat(back).usingRecursiveComparison().isEqualTo(parse(VALID));
    }

    @Test
    void shippedSpecsHaveTheirEnumerationSections() {
        assertThat(JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of()).enumeration().sizes()).containsExactly(4);
        assertThat(JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of("enumeration=null")).has("enumeration")).isFalse();
        EnumerationSpec full = JobSpec.load(Path.of("jobs/enumeration.yaml"), List.of()).enumeration();
        assertThat(full.sizes()).containsExactly(4, 6, 8);
        assertThat(full.startsAt(8)).isEqualTo(6400);
    }

    @Test
    void refusesSizesAboveEightOtherPAndMismatchedStarts() {
        assertThatThrownBy(() -> parse(VALID, "enumeration.sizes=[4,9]")).isInstanceOf(BadInputException.class)
                .hasMessage("x.yaml: enumeration.sizes[1] must be between 2 and 8, not 9");
        assertThatThrownBy(() -> parse(VALID, "enumeration.p=4"))
                .hasMessage("x.yaml: enumeration.p must be between 3 and 3, not 4");
        assertThatThrownBy(() -> parse(VALID, "enumeration.starts=[1,2,3]"))
                .hasMessageContaining("enumeration.starts must hold one value or one per size (2), got 3");
        assertThatThrownBy(() -> parse(VALID, "enumeration.sizes=[4,4]", "enumeration.starts=[5]"))
                .hasMessageContaining("enumeration.sizes must not repeat a size");
        assertThatThrownBy(() -> parse(VALID, "enumeration.samples=0"))
                .hasMessage("x.yaml: enumeration.samples must be between 1 and 1000000, not 0");
        assertThatThrownBy(() -> parse(VALID + "  tolerance: 1\n")).hasMessage("x.yaml: unknown key enumeration.tolerance");
    }
}
