package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.losslab.data.IdxFixtures.cyclingLabels;
import static org.losslab.data.IdxFixtures.gzip;
import static org.losslab.data.IdxFixtures.imagesIdx;
import static org.losslab.data.IdxFixtures.labelsIdx;
import static org.losslab.data.IdxFixtures.maybeGzip;
import static org.losslab.data.IdxFixtures.write;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an IDX file can be wrong gives a {@link InvalidDataException} naming the file and the problem. */
class IdxValidationTest {

    static final int N = 20;
    static final int ROWS = 4;
    static final int COLS = 5;

    @TempDir
    Path dir;

    final byte[] pixels = IdxFixtures.randomPixels(new Random(7), N, ROWS, COLS);
    final byte[] labels = cyclingLabels(N, 0);

    Path images(byte[] raw, boolean gz) {
        return write(dir, gz ? "img.gz" : "img", maybeGzip(raw, gz));
    }

    Path labels(byte[] raw, boolean gz) {
        return write(dir, gz ? "lab.gz" : "lab", maybeGzip(raw, gz));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsAValidPairExactly(boolean gz) {
        LabeledImages set = IdxReader.read(images(imagesIdx(N, ROWS, COLS, pixels), gz), labels(labelsIdx(labels), gz));
        assertThat(set.count()).isEqualTo(N);
        assertThat(set.rows()).isEqualTo(ROWS);
        assertThat(set.cols()).isEqualTo(COLS);
        assertThat(set.pixelsCopy()).isEqualTo(pixels);
        assertThat(set.labelsCopy()).isEqualTo(labels);
        // row-major: image 3, row 2, col 4
        assertThat(set.pixel(3, 2, 4)).isEqualTo(pixels[3 * ROWS * COLS + 2 * COLS + 4] & 0xFF);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedImageFile(boolean gz) {
        byte[] raw = imagesIdx(N, ROWS, COLS, pixels);
        Path file = images(Arrays.copyOf(raw, raw.length - 7), gz);
        Path lab = labels(labelsIdx(labels), gz);
        assertThatThrownBy(() -> IdxReader.read(file, lab))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": truncated: header says 20 images of 4x5 (416 bytes) but the file "
                + (gz ? "decompresses to" : "has") + " 409 bytes");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedLabelFile(boolean gz) {
        Path img = images(imagesIdx(N, ROWS, COLS, pixels), gz);
        byte[] raw = labelsIdx(labels);
        Path file = labels(Arrays.copyOf(raw, raw.length - 1), gz);
        assertThatThrownBy(() -> IdxReader.read(img, file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": truncated: header says 20 labels (28 bytes) but the file")
            .hasMessageEndingWith(" 27 bytes");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedHeader(boolean gz) {
        Path file = images(Arrays.copyOf(imagesIdx(N, ROWS, COLS, pixels), 10), gz);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": truncated: ")
            .hasMessageContaining("10 bytes, shorter than the 16-byte IDX header");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void trailingGarbage(boolean gz) {
        byte[] raw = imagesIdx(N, ROWS, COLS, pixels);
        byte[] longer = Arrays.copyOf(raw, raw.length + 3);
        Path file = images(longer, gz);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": trailing data: header says 20 images of 4x5 (416 bytes) but the file "
                + (gz ? "decompresses to" : "has") + " 419 bytes (3 extra)");
        Path lab = labels(Arrays.copyOf(labelsIdx(labels), 8 + N + 1), gz);
        assertThatThrownBy(() -> IdxReader.readLabels(lab))
            .hasMessageStartingWith(lab + ": trailing data: header says 20 labels (28 bytes)")
            .hasMessageEndingWith("29 bytes (1 extra)");
    }

    @Test
    void wrongMagic() {
        byte[] raw = imagesIdx(N, ROWS, COLS, pixels);
        raw[0] = 0x12;
        Path file = images(raw, false);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": wrong magic number ")
            .hasMessageContaining("bytes 12 00 08 03")
            .hasMessageContaining("not an IDX file; an IDX images file starts with 00 00 08 03 (2051)");
    }

    @Test
    void labelsFileWhereImagesExpected() {
        Path file = labels(labelsIdx(labels), true);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": wrong magic number 2049 (an IDX labels file): 1 dimension, but an IDX images"
                + " file has magic 2051 (3 dimensions)");
    }

    @Test
    void wrongTypeByte() {
        byte[] raw = imagesIdx(N, ROWS, COLS, pixels);
        raw[2] = 0x0D; // float
        Path file = images(raw, false);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": wrong data type byte 0x0D (float); MNIST images are 0x08 (unsigned byte)");
        byte[] lab = labelsIdx(labels);
        lab[2] = 0x09;
        Path labFile = labels(lab, false);
        assertThatThrownBy(() -> IdxReader.readLabels(labFile))
            .hasMessage(labFile + ": wrong data type byte 0x09 (signed byte); MNIST labels are 0x08 (unsigned byte)");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path img = images(imagesIdx(N, ROWS, COLS, pixels), false);
        Path lab = labels(labelsIdx(Arrays.copyOf(labels, N - 1)), false);
        assertThatThrownBy(() -> IdxReader.read(img, lab))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(lab + ": has 19 labels but " + img + " has 20 images; they must be the same count");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelOutOfRange(boolean gz) {
        byte[] bad = labels.clone();
        bad[13] = 10;
        bad[17] = (byte) 255;
        Path file = labels(labelsIdx(bad), gz);
        assertThatThrownBy(() -> IdxReader.readLabels(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": label out of range: label 10 at index 13 is not a digit 0-9 (2 bad labels in all)");
    }

    @Test
    void zeroDimensionRefused() {
        Path file = images(imagesIdx(N, 0, COLS, new byte[0]), false);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": header says the row count is 0");
    }

    @Test
    void corruptedGzipData() {
        byte[] gz = gzip(imagesIdx(N, ROWS, COLS, pixels));
        byte[] bad = gz.clone();
        for (int i = 12; i < bad.length - 8; i++) {
            bad[i] ^= (byte) 0x5A; // scramble the deflate data, keep the gzip header
        }
        Path file = write(dir, "img.gz", bad);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": corrupt gzip data: ");
    }

    @Test
    void gzipWithBadCrcRefused() {
        byte[] gz = gzip(imagesIdx(N, ROWS, COLS, pixels));
        gz[gz.length - 6] ^= 1; // CRC-32 in the trailer
        Path file = write(dir, "img.gz", gz);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": corrupt gzip data: ")
            .hasMessageContaining("trailer");
    }

    @Test
    void gzipCutShort() {
        byte[] gz = gzip(imagesIdx(N, ROWS, COLS, pixels));
        Path file = write(dir, "img.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": corrupt gzip data: the compressed stream ends early (file cut short)");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": no such file");
    }

    @Test
    void gzipIsDetectedByContentNotName() {
        Path gzNoSuffix = write(dir, "images", gzip(imagesIdx(N, ROWS, COLS, pixels)));
        Path plainWithSuffix = write(dir, "images.gz", imagesIdx(N, ROWS, COLS, pixels));
        assertThat(IdxReader.readImages(gzNoSuffix).pixels()).isEqualTo(pixels);
        assertThat(IdxReader.readImages(plainWithSuffix).pixels()).isEqualTo(pixels);
    }

    /** A header claiming 2,000,000 28x28 images (1.5 GB) on a tiny file is refused without allocating it. */
    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void absurdHeaderRefusedBeforeAllocation(boolean gz) {
        byte[] raw = ByteBuffer.allocate(16 + 784).putInt(2051).putInt(2_000_000).putInt(28).putInt(28).array();
        Path file = images(raw, gz);
        long before = allocatedBytes();
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": truncated")
            .hasMessageContaining("header says 2000000 images of 28x28 (1568000016 bytes) but ");
        long allocated = allocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(32L << 20);
    }

    @Test
    void headerClaimingFourBillionImagesRefused() {
        byte[] raw = ByteBuffer.allocate(16).putInt(2051).putInt(0xFFFFFFFF).putInt(28).putInt(28).array();
        Path file = images(raw, false);
        assertThatThrownBy(() -> IdxReader.readImages(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": truncated: header says 4294967295 images of 28x28 (3367254359296 bytes)"
                + " but the file has 16 bytes");
    }

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        var sun = (com.sun.management.ThreadMXBean) bean;
        assumeThat(sun.isThreadAllocatedMemorySupported()).isTrue();
        return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
