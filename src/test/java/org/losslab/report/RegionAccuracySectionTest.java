package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentence of the region-accuracy line in each case: none stated, none below, some below. */
class RegionAccuracySectionTest {

    static Map<String, Object> row(String key, double accuracy, Double paper) {
        Map<String, Object> r = new HashMap<>();
        r.put("network_key", key);
        r.put("test_accuracy", accuracy);
        r.put("test_accuracy_ci_low", accuracy - 0.01);
        r.put("test_accuracy_ci_high", accuracy + 0.01);
        r.put("test_size", 10000);
        r.put("paper_accuracy", paper);
        r.put("below_paper", paper == null ? null : accuracy < paper);
        return r;
    }

    @Test
    void saysWhichNetworksAreBelowTheStatedAccuracy() {
        assertThat(RegionAccuracySection.sentence(List.of(row("a", 0.99, 0.98), row("b", 0.97, 0.98))))
                .startsWith("1 of 2 trained networks is below the test accuracy science.md §C.4 states")
                .endsWith(": b 97.00 % (95 % interval [96.00, 98.00] %, n = 10000).");
        assertThat(RegionAccuracySection.sentence(List.of(row("a", 0.99, 0.98))))
                .startsWith("None of the 1 trained networks is below");
        assertThat(RegionAccuracySection.sentence(List.of(row("c", 0.9, null))))
                .isEqualTo("No trained region network has a stated accuracy to compare with (1 trained).");
        assertThat(RegionAccuracySection.sentence(List.of())).isEqualTo("No trained region network has finished yet.");
    }
}
