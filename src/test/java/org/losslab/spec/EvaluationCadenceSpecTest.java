package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;

/** {@code training.evaluate_train_every}: default, limits, and which epochs evaluate the training set. */
class EvaluationCadenceSpecTest {

    static TrainingSpec training(String... sets) {
        return JobSpec.from(SpecParser.parse("x.yaml", JobSpecTest.VALID.replace("epochs: 2", "epochs: 25"),
                List.of(sets))).training();
    }

    @Test
    void defaultsToEveryTenthEpochAndTheLast() {
        TrainingSpec t = training();
        assertThat(t.evaluateTrainEvery()).isEqualTo(TrainingSpec.DEFAULT_EVALUATE_TRAIN_EVERY).isEqualTo(10);
        assertThat(IntStream.rangeClosed(1, 25).filter(t::evaluatesTrainAfter).boxed().toList())
                .containsExactly(10, 20, 25);
    }

    @Test
    void everyEpochWithOneAndOnlyTheLastWithMoreThanTheEpochs() {
        assertThat(IntStream.rangeClosed(1, 25).filter(training("training.evaluate_train_every=1")::evaluatesTrainAfter)
                .count()).isEqualTo(25);
        assertThat(IntStream.rangeClosed(1, 25).filter(training("training.evaluate_train_every=1000")::evaluatesTrainAfter)
                .boxed().toList()).containsExactly(25);
        assertThat(IntStream.rangeClosed(1, 25).filter(training("training.evaluate_train_every=7")::evaluatesTrainAfter)
                .boxed().toList()).containsExactly(7, 14, 21, 25);
    }

    @Test
    void refusesOutOfRange() {
        assertThatThrownBy(() -> training("training.evaluate_train_every=0")).isInstanceOf(BadInputException.class)
                .hasMessage("x.yaml: training.evaluate_train_every must be between 1 and 100000, not 0");
        assertThatThrownBy(() -> training("training.evaluate_train_every=often")).isInstanceOf(BadInputException.class)
                .hasMessage("x.yaml: training.evaluate_train_every must be an integer, not 'often'");
    }
}
