package org.losslab.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the decoded data, so a run records exactly which digits it saw, independent of gzip,
 * file names or the directory. The digest covers, for train then test: count, rows and cols as
 * 4-byte big-endian ints, then the pixel bytes (row-major, image after image), then the label bytes.
 * The same images split differently give a different checksum (the counts differ).
 */
public final class DatasetChecksum {

    private DatasetChecksum() {
    }

    /** Lower-case hex SHA-256 (64 characters) of {@code train} then {@code test}. */
    public static String of(LabeledImages train, LabeledImages test) {
        MessageDigest sha = sha256();
        update(sha, train);
        update(sha, test);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Lower-case hex SHA-256 of a single set, in the same encoding. */
    public static String of(LabeledImages set) {
        MessageDigest sha = sha256();
        update(sha, set);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, LabeledImages set) {
        sha.update(ByteBuffer.allocate(12).putInt(set.count()).putInt(set.rows()).putInt(set.cols()).array());
        sha.update(set.pixelsView());
        sha.update(set.labelsView());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
