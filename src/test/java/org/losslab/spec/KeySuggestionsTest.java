package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;

/** Misspelt keys and sections are named first, with the nearest known key (Levenshtein). */
class KeySuggestionsTest {

    @Test
    void distanceAndNearest() {
        assertThat(KeySuggestions.distance("trainng", "training")).isEqualTo(1);
        assertThat(KeySuggestions.distance("", "abc")).isEqualTo(3);
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestions.nearest("epoch", List.of("epochs", "restarts"))).isEqualTo("epochs");
        assertThat(KeySuggestions.nearest("hessian", JobSpec.SECTIONS)).isNull();
        assertThat(KeySuggestions.nearest("ab", List.of("xy"))).isNull();
    }

    @Test
    void misspeltSectionIsTheFirstError() {
        String spec = "name: x\nseed: 1\ntrainng: {hidden_widths: [25]}\nregions: {}\n";
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", spec)).isInstanceOf(BadInputException.class)
                .hasMessage("s.yaml: unknown section trainng (did you mean training?)");
    }

    @Test
    void misspeltRequiredKeyIsNamedInsteadOfTheMissingOne() {
        String spec = "name: x\nseed: 1\ntraining: {hidden_widths: [25], restarts: 1, epoch: 2, learning_rate: 0.1}\n";
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", spec)).isInstanceOf(BadInputException.class)
                .hasMessage("s.yaml: unknown key training.epoch (did you mean epochs?)");
    }

    @Test
    void unknownOptionalKeyGetsASuggestionAndAFarOneNone() {
        String spec = "name: x\nseed: 1\ntraining: {hidden_widths: [25], restarts: 1, epochs: 2, learning_rate: 0.1, batch_siz: 10, zzz: 1}\n";
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", spec)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown keys training.batch_siz (did you mean batch_size?), training.zzz")
                .hasMessageNotContaining("zzz (did");
    }

    @Test
    void nonStringKeysAndEmptyOverridePathsAreBadInput() {
        assertThatThrownBy(() -> SpecParser.parse("s.yaml", "name: x\n3: y\n", List.of()))
                .isInstanceOf(BadInputException.class).hasMessage("s.yaml: key 3 is not a name; keys must be non-empty strings");
        assertThatThrownBy(() -> SpecParser.parse("s.yaml", "name: x\n", List.of(".=1")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("empty key");
        assertThatThrownBy(() -> SpecParser.parse("s.yaml", "name: x\n", List.of("a.b={1: 2}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("key 1 in a.b is not a name");
    }

    @Test
    void duplicatesAreRefusedNamingTheDuplicate() {
        String base = "name: x\nseed: 1\n";
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", base
                + "training: {hidden_widths: [25, 100, 25], restarts: 1, epochs: 1, learning_rate: 0.1}\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("s.yaml: training.hidden_widths repeats 25 (at [0] and [2]); list each value once");
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", base + "theory: {p: [3, 3]}\n"))
                .hasMessageContaining("theory.p repeats 3");
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", base + "theory: {kac_rice: {n: [4, 8, 4]}}\n"))
                .hasMessageContaining("theory.kac_rice.n repeats 4");
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", base + "theory: {kac_rice: {theta: [0.5, 0.5]}}\n"))
                .hasMessageContaining("theory.kac_rice.theta repeats 0.5");
        assertThatThrownBy(() -> JobSpec.fromText("s.yaml", base + "spinglass: {sizes: [10, 10], restarts: 2}\n"))
                .hasMessageContaining("spinglass.sizes repeats 10");
    }
}
