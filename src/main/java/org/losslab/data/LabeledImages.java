package org.losslab.data;

import java.util.Arrays;

/**
 * A set of 8-bit grayscale images with digit labels, kept as raw bytes so the full MNIST training
 * set (60000 x 28 x 28) costs 47 MB rather than 188 MB of floats. Pixels are row-major,
 * image after image ({@code count x rows x cols}); labels are 0-9.
 *
 * <p>Immutable: the constructor copies its arrays and accessors hand out copies or single values,
 * so a set can be shared between steps and threads without anyone changing the data under a run.
 */
public final class LabeledImages {

    /** Number of classes (digits 0-9). */
    public static final int CLASSES = 10;

    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * @throws IllegalArgumentException if the lengths do not match {@code count x rows x cols}
     *     and {@code count}, or a label is outside 0-9 (callers reading files check these first
     *     and throw {@link InvalidDataException} naming the file)
     */
    public LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {
        this(count, rows, cols, pixels.clone(), labels.clone(), true);
    }

    /** Takes ownership of the arrays (no copy); only for this package's readers. */
    LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels, boolean owned) {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape " + count + " x " + rows + " x " + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, shape "
                + count + " x " + rows + " x " + cols + " needs " + (long) count * rows * cols);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, count is " + count);
        }
        for (int i = 0; i < count; i++) {
            if ((labels[i] & 0xFF) >= CLASSES) {
                throw new IllegalArgumentException("label " + (labels[i] & 0xFF) + " at index " + i + " is not 0-9");
            }
        }
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows x cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** Pixel value 0-255 of image {@code i} at ({@code r}, {@code c}). */
    public int pixel(int i, int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + "x" + cols);
        }
        return pixels[checkIndex(i) * rows * cols + r * cols + c] & 0xFF;
    }

    /** Label 0-9 of image {@code i}. */
    public int label(int i) {
        return labels[checkIndex(i)];
    }

    /** A copy of all pixels, row-major, image after image. */
    public byte[] pixelsCopy() {
        return pixels.clone();
    }

    /** A copy of all labels. */
    public byte[] labelsCopy() {
        return labels.clone();
    }

    /** Images {@code [from, to)} in file order, as a new set. */
    public LabeledImages range(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") outside [0, " + count + ")");
        }
        int d = rows * cols;
        return new LabeledImages(to - from, rows, cols,
            Arrays.copyOfRange(pixels, from * d, to * d), Arrays.copyOfRange(labels, from, to), true);
    }

    /** How many images carry each label: element {@code k} counts digit {@code k}. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The internal pixel array, read-only by convention; package use only (no copy of 47 MB). */
    byte[] pixelsView() {
        return pixels;
    }

    /** The internal label array, read-only by convention; package use only. */
    byte[] labelsView() {
        return labels;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("image " + i + " outside [0, " + count + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return count + " images of " + rows + "x" + cols;
    }
}
