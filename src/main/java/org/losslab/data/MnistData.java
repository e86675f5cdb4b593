package org.losslab.data;

import java.util.Objects;

/**
 * A prepared train/test pair with the two strings a run must record to be reproducible: where the
 * data came from ({@link #source()}) and how it was split ({@link #split()}), plus the content
 * {@link #checksum()} (see {@link DatasetChecksum}).
 */
public final class MnistData {

    private final LabeledImages train;
    private final LabeledImages test;
    private final String source;
    private final String split;
    private final DataFiles files;
    private volatile String checksum;

    /** Data whose files are not recorded (decoded from the database, or built in a test). */
    public MnistData(LabeledImages train, LabeledImages test, String source, String split) {
        this(train, test, source, split, DataFiles.UNRECORDED);
    }

    /** @throws IllegalArgumentException if train and test images differ in size */
    public MnistData(LabeledImages train, LabeledImages test, String source, String split, DataFiles files) {
        this.files = Objects.requireNonNull(files, "files");
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
        this.source = Objects.requireNonNull(source, "source");
        this.split = Objects.requireNonNull(split, "split");
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("train images are " + train.rows() + "x" + train.cols()
                + " but test images are " + test.rows() + "x" + test.cols());
        }
    }

    public LabeledImages train() {
        return train;
    }

    public LabeledImages test() {
        return test;
    }

    /** The files read, e.g. {@code data/mnist-10k/images-idx3-ubyte.gz + labels-idx1-ubyte.gz}. */
    public String source() {
        return source;
    }

    /** How train and test were formed, e.g. {@code file order; train = [0, 8000), test = [8000, 10000)}. */
    public String split() {
        return split;
    }

    /** The split kind, the known data set verified and each file's SHA-256 ({@link DataFiles}). */
    public DataFiles files() {
        return files;
    }

    /** SHA-256 hex of the decoded train then test content; computed once (under 0.3 s for full MNIST). */
    public String checksum() {
        String c = checksum;
        if (c == null) {
            c = DatasetChecksum.of(train, test);
            checksum = c;
        }
        return c;
    }

    public int rows() {
        return train.rows();
    }

    public int cols() {
        return train.cols();
    }

    @Override
    public String toString() {
        return "MNIST " + source + "; " + split + "; train " + train + ", test " + test;
    }
}
