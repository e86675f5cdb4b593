package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Area averaging against a brute-force oracle, plus invariants that any correct area average has. */
class AreaDownsamplerTest {

    /**
     * Oracle: replicate each input pixel into an outRows x outCols block (a grid of
     * inRows*outRows x inCols*outCols), then every output pixel is the plain mean of one
     * inRows x inCols block of that grid. For 28 -> 10 that is "supersample 10x, average 28x28 blocks".
     */
    static double[] bruteForce(byte[] img, int inR, int inC, int outR, int outC) {
        int gridC = inC * outC;
        int[] grid = new int[inR * outR * gridC];
        for (int y = 0; y < inR * outR; y++) {
            for (int x = 0; x < gridC; x++) {
                grid[y * gridC + x] = img[(y / outR) * inC + x / outC] & 0xFF;
            }
        }
        double[] out = new double[outR * outC];
        for (int i = 0; i < outR; i++) {
            for (int j = 0; j < outC; j++) {
                long sum = 0;
                for (int y = i * inR; y < (i + 1) * inR; y++) {
                    for (int x = j * inC; x < (j + 1) * inC; x++) {
                        sum += grid[y * gridC + x];
                    }
                }
                out[i * outC + j] = sum / (double) (inR * inC) / 255.0;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"28,28,10,10", "28,28,7,7", "28,28,28,28", "28,28,1,1", "5,7,3,2", "13,17,13,4", "28,28,9,11"})
    void matchesBruteForceOnRandomImages(int inR, int inC, int outR, int outC) {
        Random rnd = new Random(inR * 1000 + outR * 10 + outC);
        AreaDownsampler ds = new AreaDownsampler(inR, inC, outR, outC);
        float[] got = new float[outR * outC];
        for (int trial = 0; trial < 50; trial++) {
            byte[] img = new byte[inR * inC];
            rnd.nextBytes(img);
            if (trial % 5 == 0) { // sparse, MNIST-like: mostly zeros
                for (int k = 0; k < img.length; k++) {
                    img[k] = rnd.nextInt(4) == 0 ? img[k] : 0;
                }
            }
            ds.downsample(img, 0, got, 0);
            double[] want = bruteForce(img, inR, inC, outR, outC);
            for (int k = 0; k < want.length; k++) {
                assertThat((double) got[k]).as("trial %d output %d", trial, k).isCloseTo(want[k], within(1e-6));
            }
        }
    }

    @Test
    void handComputedWeightsFor28To10() {
        // input pixel (2,2) spans [2,3) per axis; output box 0 spans [0,2.8) and box 1 spans [2.8,5.6)
        byte[] img = new byte[784];
        img[2 * 28 + 2] = (byte) 255;
        float[] out = new float[100];
        AreaDownsampler.mnistTo10x10().downsample(img, 0, out, 0);
        assertThat(out[0]).isEqualTo((float) (0.8 * 0.8 / 7.84));
        assertThat(out[1]).isEqualTo((float) (0.8 * 0.2 / 7.84));
        assertThat(out[10]).isEqualTo((float) (0.2 * 0.8 / 7.84));
        assertThat(out[11]).isEqualTo((float) (0.2 * 0.2 / 7.84));
        assertThat(out[2]).isZero();
        assertThat(out[22]).isZero();
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"28,28,10,10", "28,28,3,3", "5,7,3,2", "28,28,28,28"})
    void constantImagesStayConstant(int inR, int inC, int outR, int outC) {
        AreaDownsampler ds = new AreaDownsampler(inR, inC, outR, outC);
        for (int v : new int[] {0, 1, 37, 128, 254, 255}) {
            byte[] img = new byte[inR * inC];
            java.util.Arrays.fill(img, (byte) v);
            float[] out = new float[outR * outC];
            ds.downsample(img, 0, out, 0);
            for (float o : out) {
                assertThat(o).isEqualTo((float) (v / 255.0));
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"28,28,10,10", "28,28,9,11", "5,7,3,2"})
    void totalMassIsPreservedAndValuesStayInUnitInterval(int inR, int inC, int outR, int outC) {
        Random rnd = new Random(99);
        AreaDownsampler ds = new AreaDownsampler(inR, inC, outR, outC);
        double boxArea = (double) inR * inC / (outR * outC);
        for (int trial = 0; trial < 20; trial++) {
            byte[] img = new byte[inR * inC];
            rnd.nextBytes(img);
            float[] out = new float[outR * outC];
            ds.downsample(img, 0, out, 0);
            double inMass = 0;
            for (byte b : img) {
                inMass += (b & 0xFF) / 255.0;
            }
            double outMass = 0;
            for (float o : out) {
                assertThat(o).isBetween(0f, 1f);
                outMass += o * boxArea;
            }
            assertThat(outMass).isCloseTo(inMass, within(1e-4 * inMass));
        }
    }

    @Test
    void wholeSetUsesEachImagesOwnOffset() {
        Random rnd = new Random(3);
        byte[] pixels = IdxFixtures.randomPixels(rnd, 4, 28, 28);
        LabeledImages set = new LabeledImages(4, 28, 28, pixels, new byte[] {0, 1, 2, 3});
        float[] all = AreaDownsampler.mnistTo10x10().downsample(set);
        assertThat(all).hasSize(400);
        for (int n = 0; n < 4; n++) {
            byte[] one = java.util.Arrays.copyOfRange(pixels, n * 784, (n + 1) * 784);
            double[] want = bruteForce(one, 28, 28, 10, 10);
            for (int k = 0; k < 100; k++) {
                assertThat((double) all[n * 100 + k]).isCloseTo(want[k], within(1e-6));
            }
        }
    }

    @Test
    void refusesUpsamplingAndWrongInputSize() {
        assertThatThrownBy(() -> new AreaDownsampler(10, 10, 28, 28))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 1 <= out <= in");
        assertThatThrownBy(() -> new AreaDownsampler(28, 28, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        LabeledImages small = new LabeledImages(1, 5, 5, new byte[25], new byte[] {1});
        assertThatThrownBy(() -> AreaDownsampler.mnistTo10x10().downsample(small))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 28x28");
    }
}
