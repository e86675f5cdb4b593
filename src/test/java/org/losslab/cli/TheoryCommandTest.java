package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The machine-readable theory commands: golden values of science.md §E.1 and exit code 2 on bad input. */
class TheoryCommandTest {

    static String[] run(int expectedExit, String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8).trim().split("\n");
    }

    static double value(String[] lines, String name) {
        for (String l : lines) {
            String[] f = l.trim().split(" ");
            if (f[0].equals(name)) {
                return Double.parseDouble(f[1]);
            }
        }
        throw new AssertionError(name + " not printed");
    }

    @Test
    void thresholdsPrintGoldenValues() {
        String[] lines = run(0, "theory", "thresholds", "--p", "3", "--k", "2");
        assertThat(lines).hasSize(4);
        assertThat(value(lines, "E_inf")).isCloseTo(1.6329932, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(value(lines, "E_0")).isCloseTo(1.6569984, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(value(lines, "E_2")).isCloseTo(1.650253, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(lines[1].split(" ")[1].replace(".", "").replaceFirst("^0+", "")).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void complexityAndKacRice() {
        String[] c = run(0, "theory", "complexity", "--p", "3", "--k", "2", "--u", "-1.65");
        assertThat(value(c, "theta_0")).isCloseTo(0.004254, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(value(c, "theta_2")).isCloseTo(0.000240, org.assertj.core.data.Offset.offset(1e-6));
        String[] k = run(0, "theory", "kac-rice", "--p", "2", "--n", "5", "--samples", "10", "--seed", "3");
        assertThat(k).hasSize(6);
        assertThat(value(k, "total")).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(k, "k=4")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void badArgumentsExitWithUsage() {
        run(2, "theory", "thresholds", "--p", "1");
        run(2, "theory", "kac-rice", "--p", "3", "--n", "1", "--samples", "10");
        run(2, "theory", "kac-rice", "--p", "3", "--n", "4", "--samples", "0");
        run(2, "theory", "complexity", "--p", "3");
    }
}
