package org.losslab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a prepared data set was read from, for the {@code dataset} row: the kind of split, which known
 * data set the files were verified as ({@link KnownMnistFiles}; null when they are not known or not
 * checked), and the SHA-256 of each file's uncompressed bytes, by file name, in reading order.
 *
 * <p>Split kinds: {@code standard-60000/10000} (MNIST's own train and t10k files, verified),
 * {@code train-test-files} (separate train and t10k files of another or unverified set),
 * {@code holdout-from-train} (the bundled mnist-10k, itself cut from MNIST's training file, split by
 * holdout) and {@code holdout-from-file} (any other single set, split by holdout).
 */
public record DataFiles(String splitKind, String verifiedAs, Map<String, String> fileSha256) {

    /** Data decoded from the database, whose file facts live in its {@code dataset} row. */
    public static final DataFiles UNRECORDED = new DataFiles("unrecorded", null, Map.of());

    public DataFiles {
        fileSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(fileSha256));
    }

    /** The file checksums as {@code sha256  name} lines, as {@code sha256sum} prints them. */
    public String sha256sumLines() {
        StringBuilder b = new StringBuilder();
        fileSha256.forEach((name, sha) -> b.append(sha).append("  ").append(name).append('\n'));
        return b.toString();
    }
}
