package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeaturesTest {

    final LabeledImages set = new LabeledImages(3, 2, 2,
        new byte[] {0, 51, (byte) 255, 102, 1, 2, 3, 4, (byte) 200, 0, 0, 0}, new byte[] {7, 0, 9});

    @Test
    void pixelsAreRowMajorAndScaledBy255() {
        Features.Matrix m = Features.pixels(set);
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.cols()).isEqualTo(4);
        assertThat(m.data()).containsExactly(0f, 0.2f, 1f, 0.4f, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f,
            200 / 255f, 0f, 0f, 0f);
        assertThat(m.get(0, 2)).isEqualTo(1f);
    }

    @Test
    void oneHotHasASingleOneInTheLabelColumn() {
        Features.Matrix y = Features.oneHot(set);
        assertThat(y.rows()).isEqualTo(3);
        assertThat(y.cols()).isEqualTo(10);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 10; k++) {
                assertThat(y.get(i, k)).isEqualTo(k == set.label(i) ? 1f : 0f);
            }
        }
        assertThat(Features.labels(set)).containsExactly(7, 0, 9);
    }

    @Test
    void downsampledToOnePixelIsTheMean() {
        Features.Matrix m = Features.downsampled(set, 1, 1);
        assertThat(m.cols()).isEqualTo(1);
        assertThat(m.data()).containsExactly((float) (408 / 4.0 / 255), (float) (10 / 4.0 / 255), (float) (200 / 4.0 / 255));
    }

    @Test
    void setsAreImmutable() {
        byte[] copy = set.pixelsCopy();
        copy[0] = 99;
        assertThat(set.pixel(0, 0, 0)).isZero();
        assertThat(set.range(1, 3).label(0)).isEqualTo(0);
        assertThat(set.range(1, 3).pixel(1, 0, 0)).isEqualTo(200);
    }
}
