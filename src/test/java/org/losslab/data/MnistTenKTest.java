package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled data/mnist-10k set. Expected checksums were computed independently in Python from the
 * gzip'd files using the encoding documented in {@link DatasetChecksum}; class counts are the README's.
 */
class MnistTenKTest {

    static final Path TEN_K = Path.of("data/mnist-10k");
    /** sha256 of count/rows/cols (BE int32) + pixels + labels, train [0, 8000) then test [8000, 10000). */
    static final String CHECKSUM_HOLDOUT_2000 = "03ac9d3ff422b112cc6b8b6a04462056ee1a01a3f98b9a9da8c12705f4fc0b9c";
    static final String CHECKSUM_HOLDOUT_1000 = "a519d07d70145641bebb4ad91329e73a7f6ceafc06d9ac1327a414b1d9894d7d";

    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistSource.load(TEN_K);
    }

    @Test
    void readsTenThousand28x28ImagesWithTheReadmeClassCounts() {
        LabeledImages all = IdxReader.read(TEN_K.resolve("images-idx3-ubyte.gz"), TEN_K.resolve("labels-idx1-ubyte.gz"));
        assertThat(all.count()).isEqualTo(10_000);
        assertThat(all.rows()).isEqualTo(28);
        assertThat(all.cols()).isEqualTo(28);
        assertThat(all.classCounts()).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        int sum = IntStream.range(0, 28 * 28).map(k -> all.pixel(0, k / 28, k % 28)).sum();
        assertThat(sum).as("pixel sum of image 0 (from Python)").isEqualTo(25940);
    }

    @Test
    void defaultSplitHoldsOutTheLast2000InFileOrder() {
        assertThat(data.train().count()).isEqualTo(8000);
        assertThat(data.test().count()).isEqualTo(2000);
        assertThat(data.split()).isEqualTo("file order; train = [0, 8000), test = [8000, 10000)");
        assertThat(data.source()).isEqualTo(TEN_K + ": images-idx3-ubyte.gz + labels-idx1-ubyte.gz");
        assertThat(data.train().classCounts()).containsExactly(785, 900, 814, 831, 779, 692, 801, 858, 747, 793);
        assertThat(data.test().label(0)).isEqualTo(4);
        assertThat(data.checksum()).isEqualTo(CHECKSUM_HOLDOUT_2000);
    }

    @Test
    void splitIsDeterministicAndFollowsTheHoldout() {
        MnistData again = MnistSource.load(TEN_K, MnistSource.DEFAULT_HOLDOUT);
        assertThat(again.checksum()).isEqualTo(data.checksum());
        assertThat(again.train().pixelsCopy()).isEqualTo(data.train().pixelsCopy());

        MnistData h1000 = MnistSource.load(TEN_K, 1000);
        assertThat(h1000.split()).isEqualTo("file order; train = [0, 9000), test = [9000, 10000)");
        assertThat(h1000.checksum()).isEqualTo(CHECKSUM_HOLDOUT_1000);
        // the 1000 held out are the last 1000 of the 2000 held out
        assertThat(h1000.test().pixelsCopy()).isEqualTo(data.test().range(1000, 2000).pixelsCopy());
        assertThat(h1000.test().labelsCopy()).isEqualTo(data.test().range(1000, 2000).labelsCopy());
    }

    @Test
    void holdoutOutOfRangeIsRefused() {
        for (int bad : new int[] {0, -1, 10_000, 20_000}) {
            assertThatThrownBy(() -> MnistSource.load(TEN_K, bad))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("holdout " + bad + " is out of range for " + TEN_K.resolve("images-idx3-ubyte.gz")
                    + ": it has 10000 images, so the holdout must be 1 to 9999");
        }
    }

    @Test
    void checksumIsTheSameForGunzippedCopies(@TempDir Path tmp) throws IOException {
        for (String name : new String[] {"images-idx3-ubyte", "labels-idx1-ubyte"}) {
            byte[] gz = Files.readAllBytes(TEN_K.resolve(name + ".gz"));
            Files.write(tmp.resolve(name), IdxFixtures.gunzip(gz));
        }
        MnistData plain = MnistSource.load(tmp);
        assertThat(plain.source()).isEqualTo(tmp + ": images-idx3-ubyte + labels-idx1-ubyte");
        assertThat(plain.checksum()).isEqualTo(CHECKSUM_HOLDOUT_2000);
    }

    @Test
    void changingOnePixelChangesTheChecksum() {
        byte[] pixels = data.test().pixelsCopy();
        pixels[pixels.length / 2] ^= 1;
        LabeledImages test = new LabeledImages(2000, 28, 28, pixels, data.test().labelsCopy());
        assertThat(DatasetChecksum.of(data.train(), test)).isNotEqualTo(CHECKSUM_HOLDOUT_2000);
        // and swapping train and test is a different data set too
        assertThat(DatasetChecksum.of(data.test(), data.train())).isNotEqualTo(CHECKSUM_HOLDOUT_2000);
    }

    @Test
    void tenByTenFeaturesOfTheRealSet() {
        Features.Matrix x = Features.downsampled(data.train(), 10, 10);
        assertThat(x.rows()).isEqualTo(8000);
        assertThat(x.cols()).isEqualTo(100);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : x.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isBetween(0.5f, 1f);
        // each image keeps its ink: sum of 10x10 means x 7.84 = sum of 28x28 pixels / 255
        double ink10 = 0;
        for (int k = 0; k < 100; k++) {
            ink10 += x.get(0, k);
        }
        assertThat(ink10 * 7.84).isCloseTo(25940 / 255.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Arrays.stream(Features.labels(data.train())).limit(5).toArray())
            .containsExactly(IntStream.range(0, 5).map(i -> data.train().label(i)).toArray());
    }
}
