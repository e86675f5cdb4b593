package org.losslab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte, independently of the reader under test. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    static byte[] imagesIdx(int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
            .putInt(2051).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] labelsIdx(byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(2049).putInt(labels.length).put(labels).array();
    }

    /** Random pixels 0-255. */
    static byte[] randomPixels(Random rnd, int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        rnd.nextBytes(p);
        return p;
    }

    /** Labels cycling 0-9 starting at {@code start}. */
    static byte[] cyclingLabels(int count, int start) {
        byte[] l = new byte[count];
        for (int i = 0; i < count; i++) {
            l[i] = (byte) ((i + start) % 10);
        }
        return l;
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a fake full-MNIST directory: train (nTrain) and t10k (nTest) images of size x size. */
    static void writeTrainTest(Path dir, int nTrain, int nTest, int size, boolean gzipped, long seed) {
        Random rnd = new Random(seed);
        String gz = gzipped ? ".gz" : "";
        byte[] trainPixels = randomPixels(rnd, nTrain, size, size);
        byte[] testPixels = randomPixels(rnd, nTest, size, size);
        write(dir, "train-images-idx3-ubyte" + gz, maybeGzip(imagesIdx(nTrain, size, size, trainPixels), gzipped));
        write(dir, "train-labels-idx1-ubyte" + gz, maybeGzip(labelsIdx(cyclingLabels(nTrain, 0)), gzipped));
        write(dir, "t10k-images-idx3-ubyte" + gz, maybeGzip(imagesIdx(nTest, size, size, testPixels), gzipped));
        write(dir, "t10k-labels-idx1-ubyte" + gz, maybeGzip(labelsIdx(cyclingLabels(nTest, 3)), gzipped));
    }

    static byte[] maybeGzip(byte[] raw, boolean gzipped) {
        return gzipped ? gzip(raw) : raw;
    }
}
