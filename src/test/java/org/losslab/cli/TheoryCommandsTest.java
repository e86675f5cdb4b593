package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;
import org.losslab.theory.SpinGlassComplexity;

/** The CLI facade: line format, digits, and argument checks. */
class TheoryCommandsTest {

    @Test
    void thresholdLines() {
        List<String> lines = TheoryCommands.thresholds(3, 2);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("E_inf 1.63299316");
        assertThat(lines.get(1)).startsWith("E_0 1.65699836");
        assertThat(Double.parseDouble(lines.get(2).split(" ")[1])).isCloseTo(1.652873, within(1e-6));
        assertThat(lines.get(3)).matches("E_2 \\d\\.\\d{11}");
    }

    @Test
    void complexityLines() {
        List<String> lines = TheoryCommands.complexity(3, 1, -1.65);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("theta_0 ");
        assertThat(Double.parseDouble(lines.get(0).split(" ")[1])).isCloseTo(0.004254, within(1e-6));
        assertThat(lines.get(2)).startsWith("theta_total ");
        assertThat(Double.parseDouble(lines.get(2).split(" ")[1])).isEqualTo(SpinGlassComplexity.thetaTotal(3, -1.65), within(1e-15));
    }

    @Test
    void kacRiceLines() {
        List<String> lines = TheoryCommands.kacRice(2, 3, 10, 1, null, null);
        assertThat(lines).containsExactly("total 6.00000000000 0.00000000000", "k=0 2.00000000000 0.00000000000",
                "k=1 2.00000000000 0.00000000000", "k=2 2.00000000000 0.00000000000");
        List<String> window = TheoryCommands.kacRice(3, 4, 1000, 1, -1.0, 0.5);
        assertThat(window).hasSize(5);
        String[] total = window.get(0).split(" ");
        assertThat(Double.parseDouble(total[1])).isPositive();
        assertThat(Double.parseDouble(total[2])).isPositive();
    }

    @Test
    void hugeValuesArePrintedFromTheirLogarithm() {
        assertThat(TheoryCommands.formatLog(1000 * Math.log(10) + Math.log(2.5))).isEqualTo("2.50000000000e+1000");
        assertThat(TheoryCommands.formatLog(-800 * Math.log(10))).isEqualTo("1.00000000000e-800");
        assertThat(TheoryCommands.formatLog(Math.log(18.7906))).isEqualTo("18.7906000000");
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> TheoryCommands.thresholds(1, 3)).isInstanceOf(BadInputException.class).hasMessageContaining("p ");
        assertThatThrownBy(() -> TheoryCommands.thresholds(3, -1)).isInstanceOf(BadInputException.class).hasMessageContaining("K ");
        assertThatThrownBy(() -> TheoryCommands.complexity(3, 0, Double.POSITIVE_INFINITY)).isInstanceOf(BadInputException.class).hasMessageContaining("u ");
        assertThatThrownBy(() -> TheoryCommands.kacRice(3, 1, 10, 1, null, null)).isInstanceOf(BadInputException.class).hasMessageContaining("N ");
        assertThatThrownBy(() -> TheoryCommands.kacRice(3, 4, 0, 1, null, null)).isInstanceOf(BadInputException.class).hasMessageContaining("samples");
        assertThatThrownBy(() -> TheoryCommands.kacRice(3, 4, 10, 1, Double.NaN, null)).isInstanceOf(BadInputException.class).hasMessageContaining("u ");
        assertThatThrownBy(() -> TheoryCommands.kacRice(3, 4, 10, 1, null, Double.NaN)).isInstanceOf(BadInputException.class).hasMessageContaining("theta");
    }
}
