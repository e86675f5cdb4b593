package org.losslab.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads MNIST from a directory (see {@link MnistFiles} for the accepted layouts) into a train/test pair.
 *
 * <p>Split rule when the directory holds a single set ({@code images-idx3-ubyte[.gz]} +
 * {@code labels-idx1-ubyte[.gz]}): the <b>last {@code holdout} images in file order</b> are the test
 * set, the rest the training set. No randomness is involved, so the split depends only on the file
 * (the bundled 10k set was shuffled once when it was built, so any contiguous block has all ten
 * digits). With the full layout the train and t10k files are used as they are and {@code holdout}
 * is ignored; {@link MnistData#split()} says which rule applied.
 */
public final class MnistSource {

    /** Default test-set size for a single-set directory: 2,000 of the bundled 10,000. */
    public static final int DEFAULT_HOLDOUT = 2000;

    private MnistSource() {
    }

    /** {@link #load(Path, int)} with {@link #DEFAULT_HOLDOUT}. */
    public static MnistData load(Path dir) {
        return load(dir, DEFAULT_HOLDOUT);
    }

    /** {@link #load(Path, int, boolean)} with the checksums of known files verified. */
    public static MnistData load(Path dir, int holdout) {
        return load(dir, holdout, true);
    }

    /**
     * Reads and validates the directory's files.
     *
     * @param holdout test-set size when the directory has no separate test files; must be at
     *     least 1 and leave at least 1 training image
     * @param verify whether files of a known name and shape must have their known SHA-256
     *     ({@link KnownMnistFiles}); false reads them unverified (another data set of MNIST's names)
     * @throws InvalidDataException naming the directory or file and the problem
     */
    public static MnistData load(Path dir, int holdout, boolean verify) {
        MnistFiles files = MnistFiles.find(dir);
        if (files.layout() == MnistFiles.Layout.TRAIN_TEST) {
            LabeledImages train = IdxReader.read(files.trainImages(), files.trainLabels());
            LabeledImages test = IdxReader.read(files.testImages(), files.testLabels());
            if (train.rows() != test.rows() || train.cols() != test.cols()) {
                throw new InvalidDataException(files.testImages() + ": images are " + test.rows() + "x" + test.cols()
                    + " but " + files.trainImages() + " has " + train.rows() + "x" + train.cols());
            }
            String source = dir + ": " + name(files.trainImages()) + " + " + name(files.trainLabels())
                + ", " + name(files.testImages()) + " + " + name(files.testLabels());
            String split = "separate files; train = " + name(files.trainImages()) + " (" + train.count()
                + "), test = " + name(files.testImages()) + " (" + test.count() + ")";
            Map<String, String> sums = new LinkedHashMap<>();
            String trainSet = checked(files.trainImages(), files.trainLabels(), train, verify, sums);
            String testSet = checked(files.testImages(), files.testLabels(), test, verify, sums);
            boolean standard = KnownMnistFiles.MNIST.equals(trainSet) && KnownMnistFiles.MNIST.equals(testSet);
            DataFiles facts = new DataFiles(standard ? "standard-60000/10000" : "train-test-files",
                standard ? KnownMnistFiles.MNIST : null, sums);
            return new MnistData(train, test, source, split, facts);
        }
        LabeledImages all = IdxReader.read(files.trainImages(), files.trainLabels());
        if (holdout < 1 || holdout >= all.count()) {
            throw new InvalidDataException("holdout " + holdout + " is out of range for " + files.trainImages()
                + ": it has " + all.count() + " images, so the holdout must be 1 to " + (all.count() - 1));
        }
        int cut = all.count() - holdout;
        String source = dir + ": " + name(files.trainImages()) + " + " + name(files.trainLabels());
        String split = "file order; train = [0, " + cut + "), test = [" + cut + ", " + all.count() + ")";
        Map<String, String> sums = new LinkedHashMap<>();
        String set = checked(files.trainImages(), files.trainLabels(), all, verify, sums);
        boolean tenK = KnownMnistFiles.MNIST_10K.equals(set);
        DataFiles facts = new DataFiles(tenK ? "holdout-from-train" : "holdout-from-file", set, sums);
        return new MnistData(all.range(0, cut), all.range(cut, all.count()), source, split, facts);
    }

    /**
     * Records the SHA-256 of an images file and its labels file and, with {@code verify}, checks them
     * against {@link KnownMnistFiles}; returns the known set both belong to, or null.
     */
    private static String checked(Path images, Path labels, LabeledImages set, boolean verify, Map<String, String> sums) {
        String imagesSha = KnownMnistFiles.imagesSha256(set);
        String labelsSha = KnownMnistFiles.labelsSha256(set);
        sums.put(uncompressed(images), imagesSha);
        sums.put(uncompressed(labels), labelsSha);
        if (!verify) {
            return null;
        }
        String a = KnownMnistFiles.verify(images, set.count(), set.rows(), set.cols(), imagesSha);
        String b = KnownMnistFiles.verify(labels, set.count(), 0, 0, labelsSha);
        return a != null && a.equals(b) ? a : null;
    }

    private static String uncompressed(Path p) {
        return name(p).replaceFirst("\\.gz$", "");
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
