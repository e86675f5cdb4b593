package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Partition names fit Spring Batch's 100-character step_name whatever the network's depth and width. */
class RegionPartitionNameTest {

    @Test
    void shortKeysStayLongKeysAreShortenedDeterministically() {
        String shortKey = "mlp-784-512-512-512-10/relu/trained/mnist";
        assertThat(RegionPartitioner.partitionName(shortKey)).isEqualTo(shortKey);
        String deep = "choromanska/mlp-100-1000-1000-1000-1000-1000-10/relu/restart-0/trained/gaussian";
        String deeper = "choromanska/mlp-100-1000-1000-1000-1000-1000-10/relu/restart-0/trained/mnist";
        String name = RegionPartitioner.partitionName(deep);
        assertThat(("sample-activations-part:" + name).length()).isLessThanOrEqualTo(100);
        assertThat(name).startsWith(deep.substring(0, 56)).contains("~")
                .isEqualTo(RegionPartitioner.partitionName(deep))
                .isNotEqualTo(RegionPartitioner.partitionName(deeper));
    }
}
