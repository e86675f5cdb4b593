package org.losslab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IDX files of an MNIST directory, in one of two layouts:
 * <ul>
 *   <li>{@link Layout#TRAIN_TEST}: the full MNIST database, {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte};
 *   <li>{@link Layout#SINGLE}: one set to be split, {@code images-idx3-ubyte} and {@code labels-idx1-ubyte}
 *       (the bundled {@code data/mnist-10k}).
 * </ul>
 * Each name may carry {@code .gz} or not (the reader looks at the bytes, not the name). If any
 * train/t10k file is present the directory is read as {@code TRAIN_TEST} and all four are required;
 * a name present both plain and gzip'd is refused as ambiguous rather than guessed.
 */
public record MnistFiles(Layout layout, Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    /** Which naming the directory uses; {@link #SINGLE} has no test files ({@code testImages} is null). */
    public enum Layout { TRAIN_TEST, SINGLE }

    static final List<String> TRAIN_TEST_NAMES = List.of(
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    static final List<String> SINGLE_NAMES = List.of("images-idx3-ubyte", "labels-idx1-ubyte");

    /** Finds the files in {@code dir}, or says precisely what is missing. */
    public static MnistFiles find(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidDataException(dir + ": MNIST directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidDataException(dir + ": is not a directory; expected a directory holding MNIST IDX files");
        }
        List<Path> full = new ArrayList<>();
        boolean anyFull = false;
        for (String name : TRAIN_TEST_NAMES) {
            Path p = locate(dir, name);
            full.add(p);
            anyFull |= p != null;
        }
        if (anyFull) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < TRAIN_TEST_NAMES.size(); i++) {
                if (full.get(i) == null) {
                    missing.add(TRAIN_TEST_NAMES.get(i) + "[.gz]");
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidDataException(dir + ": incomplete MNIST train/test set: missing " + String.join(", ", missing)
                    + " (looked for " + describe(TRAIN_TEST_NAMES) + ")");
            }
            return new MnistFiles(Layout.TRAIN_TEST, full.get(0), full.get(1), full.get(2), full.get(3));
        }
        Path images = locate(dir, SINGLE_NAMES.get(0));
        Path labels = locate(dir, SINGLE_NAMES.get(1));
        if (images != null && labels != null) {
            return new MnistFiles(Layout.SINGLE, images, labels, null, null);
        }
        if (images != null || labels != null) {
            throw new InvalidDataException(dir + ": found " + (images != null ? images : labels).getFileName()
                + " but not " + SINGLE_NAMES.get(images != null ? 1 : 0) + "[.gz]; both are needed");
        }
        throw new InvalidDataException(dir + ": no MNIST files found: looked for " + describe(TRAIN_TEST_NAMES)
            + ", or for " + describe(SINGLE_NAMES) + " (each optionally .gz)");
    }

    private static Path locate(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGz = Files.isRegularFile(gz);
        if (hasPlain && hasGz) {
            throw new InvalidDataException(dir + ": both " + name + " and " + name
                + ".gz exist; keep one so it is clear which is read");
        }
        return hasPlain ? plain : hasGz ? gz : null;
    }

    private static String describe(List<String> names) {
        return String.join(", ", names);
    }
}
