package org.losslab.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of the known MNIST files' uncompressed bytes (header and body), so that a modified copy of
 * the papers' data is refused rather than silently trained on (science.md §A.5.2: the standard 60,000 /
 * 10,000 split). A file is checked when its name (with or without {@code .gz}) and its header shape are
 * those of a known file: a small synthetic set that borrows the names is not MNIST and is not checked,
 * while a file of MNIST's name and shape whose bytes differ is refused. Another data set of the same names
 * and shape (Fashion-MNIST) is read with {@code data.verify_checksums: false}.
 */
public final class KnownMnistFiles {

    /** One known file: name without {@code .gz}, IDX shape ({@code rows = cols = 0} for labels), digest, set. */
    public record Known(String name, int count, int rows, int cols, String sha256, String set) {
    }

    /** The standard MNIST distribution (data/mnist/README.md). */
    public static final String MNIST = "mnist";
    /** The bundled 10,000 training digits (data/mnist-10k/README.md). */
    public static final String MNIST_10K = "mnist-10k";

    static final List<Known> ALL = List.of(
            new Known("train-images-idx3-ubyte", 60000, 28, 28,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", MNIST),
            new Known("train-labels-idx1-ubyte", 60000, 0, 0,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", MNIST),
            new Known("t10k-images-idx3-ubyte", 10000, 28, 28,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", MNIST),
            new Known("t10k-labels-idx1-ubyte", 10000, 0, 0,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", MNIST),
            new Known("images-idx3-ubyte", 10000, 28, 28,
                    "83c87a3af81c7cd98a4cf74a298f85d1adcee18917a52e62d69a0b5d1ddc4abc", MNIST_10K),
            new Known("labels-idx1-ubyte", 10000, 0, 0,
                    "8ed982a1062a878b57bda800bcb5e8cac99651a6a29d07f352045efb232568b9", MNIST_10K));

    private KnownMnistFiles() {
    }

    /** The known file of this name and shape, or null (not a file this table vouches for). */
    public static Known lookup(Path file, int count, int rows, int cols) {
        String name = file.getFileName().toString().replaceFirst("\\.gz$", "");
        return ALL.stream().filter(k -> k.name().equals(name) && k.count() == count && k.rows() == rows
                && k.cols() == cols).findFirst().orElse(null);
    }

    /** SHA-256 of the uncompressed IDX images file that holds exactly {@code set}'s pixels. */
    public static String imagesSha256(LabeledImages set) {
        MessageDigest sha = DatasetChecksum.sha256();
        sha.update(ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(set.count()).putInt(set.rows())
                .putInt(set.cols()).array());
        sha.update(set.pixelsView());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of the uncompressed IDX labels file that holds exactly {@code set}'s labels. */
    public static String labelsSha256(LabeledImages set) {
        MessageDigest sha = DatasetChecksum.sha256();
        sha.update(ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(set.count()).array());
        sha.update(set.labelsView());
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Refuses a known file whose bytes differ: one line naming the file, "checksum mismatch", both digests.
     *
     * @return the known file's set ({@link #MNIST} or {@link #MNIST_10K}), or null if the file is not known
     * @throws InvalidDataException on a mismatch
     */
    public static String verify(Path file, int count, int rows, int cols, String actualSha256) {
        Known k = lookup(file, count, rows, cols);
        if (k == null) {
            return null;
        }
        if (!k.sha256().equals(actualSha256)) {
            throw new InvalidDataException(file + ": checksum mismatch: expected SHA-256 " + k.sha256() + " of "
                    + k.set() + " " + k.name() + ", actual " + actualSha256 + "; the file was modified or is another"
                    + " data set (set data.verify_checksums: false to read it unverified)");
        }
        return k.set();
    }
}
