package org.losslab.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The split of an MNIST directory read from the IDX headers alone (16 bytes per images file), for a
 * plan that must not read or store the digits: image counts and sizes, the same split rule as
 * {@link MnistSource} (separate train/t10k files, or the last {@code holdout} images of a single set).
 *
 * @param trainCount training images
 * @param testCount  test images
 * @param rows       image rows
 * @param cols       image columns
 * @param split      which rule applied, e.g. {@code separate files} or {@code file order, holdout 2000}
 */
public record MnistShape(int trainCount, int testCount, int rows, int cols, String split) {

    /** Reads the headers of the images files in {@code dir}; bad or missing files throw {@link InvalidDataException}. */
    public static MnistShape read(Path dir, int holdout) {
        MnistFiles files = MnistFiles.find(dir);
        long[] train = header(files.trainImages());
        if (files.layout() == MnistFiles.Layout.TRAIN_TEST) {
            long[] test = header(files.testImages());
            return new MnistShape((int) train[0], (int) test[0], (int) train[1], (int) train[2], "separate files");
        }
        if (holdout < 1 || holdout >= train[0]) {
            throw new InvalidDataException("holdout " + holdout + " is out of range for " + files.trainImages()
                    + ": it has " + train[0] + " images, so the holdout must be 1 to " + (train[0] - 1));
        }
        return new MnistShape((int) (train[0] - holdout), holdout, (int) train[1], (int) train[2],
                "file order, last " + holdout + " images are the test set");
    }

    /** {count, rows, cols} of an IDX images file, from its header. */
    private static long[] header(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            ByteBuffer h = ByteBuffer.wrap(in.readHeader(16));
            if (h.getInt() != IdxReader.IMAGES_MAGIC) {
                throw in.fail("not an IDX images file (magic " + IdxReader.IMAGES_MAGIC + " expected)");
            }
            long[] out = {Integer.toUnsignedLong(h.getInt()), Integer.toUnsignedLong(h.getInt()),
                    Integer.toUnsignedLong(h.getInt())};
            if (out[0] == 0 || out[1] == 0 || out[2] == 0 || out[0] > Integer.MAX_VALUE) {
                throw in.fail("header gives " + out[0] + " images of " + out[1] + "x" + out[2]);
            }
            return out;
        }
    }
}
