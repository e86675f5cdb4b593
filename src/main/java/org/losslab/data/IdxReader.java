package org.losslab.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads MNIST's IDX files (LeCun's format: big-endian header, then raw bytes), gzip'd or not.
 * Checks everything that could make a run silently train on garbage: the magic number (2051
 * images, 2049 labels), the type byte (0x08, unsigned byte), positive dimensions, the exact content
 * length (truncated files and trailing data are both refused), equal image and label counts, and
 * labels 0-9. Every failure is an {@link InvalidDataException} that names the file and the problem.
 */
public final class IdxReader {

    /** Magic number of an IDX images file: type 0x08 (unsigned byte), 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX labels file: type 0x08 (unsigned byte), 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Reads an images file and its labels file into one set, checking that they agree. */
    public static LabeledImages read(Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new InvalidDataException(labelsFile + ": has " + labels.length + " labels but "
                + imagesFile + " has " + images.count() + " images; they must be the same count");
        }
        return new LabeledImages(images.count(), images.rows(), images.cols(), images.pixels(), labels, true);
    }

    /** Pixels of an IDX images file, row-major, image after image. */
    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads and validates an IDX images file (magic 2051). */
    static Images readImages(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            ByteBuffer header = ByteBuffer.wrap(in.readHeader(16));
            checkMagic(in, header.getInt(), IMAGES_MAGIC, "images");
            long count = dimension(in, header.getInt(), "image count");
            long rows = dimension(in, header.getInt(), "row count");
            long cols = dimension(in, header.getInt(), "column count");
            // checked against the file length (and the array limit) before anything is allocated
            byte[] pixels = in.readBody(bodyBytes(count, rows, cols), count + " images of " + rows + "x" + cols);
            return new Images((int) count, (int) rows, (int) cols, pixels);
        }
    }

    /** Reads and validates an IDX labels file (magic 2049): every label must be 0-9. */
    static byte[] readLabels(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            ByteBuffer header = ByteBuffer.wrap(in.readHeader(8));
            checkMagic(in, header.getInt(), LABELS_MAGIC, "labels");
            long count = dimension(in, header.getInt(), "label count");
            byte[] labels = in.readBody(count, count + " labels");
            int bad = 0;
            int first = -1;
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xFF) >= LabeledImages.CLASSES) {
                    bad++;
                    first = first < 0 ? i : first;
                }
            }
            if (bad > 0) {
                throw in.fail("label out of range: label " + (labels[first] & 0xFF) + " at index " + first
                    + " is not a digit 0-9 (" + bad + " bad label" + (bad == 1 ? "" : "s") + " in all)");
            }
            return labels;
        }
    }

    private static void checkMagic(IdxInput in, int magic, int expected, String kind) {
        if (magic == expected) {
            return;
        }
        if ((magic >>> 16) != 0) {
            throw in.fail("wrong magic number " + magic + " (bytes " + hex(magic)
                + "): not an IDX file; an IDX " + kind + " file starts with " + hex(expected) + " (" + expected + ")");
        }
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        if (type != 0x08) {
            throw in.fail(String.format("wrong data type byte 0x%02X (%s); MNIST %s are 0x08 (unsigned byte)",
                type, typeName(type), kind));
        }
        String other = magic == IMAGES_MAGIC ? " (an IDX images file)" : magic == LABELS_MAGIC ? " (an IDX labels file)" : "";
        throw in.fail("wrong magic number " + magic + other + ": " + dims + " dimension" + (dims == 1 ? "" : "s")
            + ", but an IDX " + kind + " file has magic " + expected + " (" + (expected & 0xFF) + " dimension"
            + ((expected & 0xFF) == 1 ? "" : "s") + ")");
    }

    /** A header dimension, read as unsigned 32-bit; zero is refused (nothing to train on). */
    private static long dimension(IdxInput in, int raw, String name) {
        long value = Integer.toUnsignedLong(raw);
        if (value == 0) {
            throw in.fail("header says the " + name + " is 0");
        }
        return value;
    }

    private static long bodyBytes(long count, long rows, long cols) {
        try {
            return Math.multiplyExact(count, Math.multiplyExact(rows, cols));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE - 16; // larger than any file; the length check refuses it
        }
    }

    private static String hex(int v) {
        return String.format("%02x %02x %02x %02x", v >>> 24, (v >>> 16) & 0xFF, (v >>> 8) & 0xFF, v & 0xFF);
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09: return "signed byte";
            case 0x0B: return "short";
            case 0x0C: return "int";
            case 0x0D: return "float";
            case 0x0E: return "double";
            default: return "not an IDX type";
        }
    }
}
