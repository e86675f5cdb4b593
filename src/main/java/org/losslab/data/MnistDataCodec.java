package org.losslab.data;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A prepared {@link MnistData} as one byte array, so it can be stored once (a PostgreSQL bytea) and
 * loaded by workers on other machines without the IDX files; decoding verifies everything.
 *
 * <pre>
 * frame (big-endian):  "LLMNIST\0" | int32 version = 1 | int64 body length | deflated body | SHA-256 of all before it (32)
 * body:                int32 n + n UTF-8 bytes source | int32 n + n UTF-8 bytes split
 *                      | content SHA-256 (32, {@link DatasetChecksum}) | train set | test set
 * set:                 int32 count | int32 rows | int32 cols | count*rows*cols pixels | count labels
 * </pre>
 * The frame digest catches any corrupted byte before decompression; the content digest confirms
 * that what was decoded is what was encoded. Full MNIST (55 MB raw) encodes to roughly 10-15 MB.
 */
public final class MnistDataCodec {

    /** Current format version; {@link #decode} refuses any other. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'L', 'L', 'M', 'N', 'I', 'S', 'T', 0};
    private static final int PREFIX = MAGIC.length + 4 + 8;
    private static final int DIGEST = 32;

    private MnistDataCodec() {
    }

    /** Encodes {@code data} (its source, split, checksum and both sets). */
    public static byte[] encode(MnistData data) {
        byte[] source = data.source().getBytes(StandardCharsets.UTF_8);
        byte[] split = data.split().getBytes(StandardCharsets.UTF_8);
        long bodyLength = 8L + source.length + split.length + DIGEST + setBytes(data.train()) + setBytes(data.test());
        if (bodyLength > IdxInput.MAX_ARRAY) {
            throw new IllegalArgumentException("dataset too large to encode in one array: " + bodyLength + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate((int) bodyLength);
        body.putInt(source.length).put(source).putInt(split.length).put(split);
        body.put(HexFormat.of().parseHex(data.checksum()));
        putSet(body, data.train());
        putSet(body, data.test());

        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bodyLength / 4 + 1024, IdxInput.MAX_ARRAY));
        out.writeBytes(ByteBuffer.allocate(PREFIX).put(MAGIC).putInt(VERSION).putLong(bodyLength).array());
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(body.array());
            deflater.finish();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        byte[] frame = out.toByteArray();
        MessageDigest sha = DatasetChecksum.sha256();
        sha.update(frame);
        byte[] result = Arrays.copyOf(frame, frame.length + DIGEST);
        System.arraycopy(sha.digest(), 0, result, frame.length, DIGEST);
        return result;
    }

    /**
     * Decodes and verifies bytes made by {@link #encode}.
     *
     * @param what names the bytes in error messages, e.g. {@code "dataset 3 (table dataset)"}
     * @throws InvalidDataException if the bytes are not this format, another version, or corrupt
     */
    public static MnistData decode(byte[] bytes, String what) {
        if (bytes.length < PREFIX + DIGEST) {
            throw new InvalidDataException(what + ": " + bytes.length + " bytes, too short for an encoded MNIST dataset");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidDataException(what + ": not an encoded MNIST dataset (wrong magic bytes "
                + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, MAGIC.length) + ")");
        }
        ByteBuffer prefix = ByteBuffer.wrap(bytes, MAGIC.length, 12);
        int version = prefix.getInt();
        if (version != VERSION) {
            throw new InvalidDataException(what + ": format version " + version + "; this build reads version " + VERSION);
        }
        int end = bytes.length - DIGEST;
        MessageDigest sha = DatasetChecksum.sha256();
        sha.update(bytes, 0, end);
        byte[] stored = Arrays.copyOfRange(bytes, end, bytes.length);
        if (!MessageDigest.isEqual(sha.digest(), stored)) {
            throw new InvalidDataException(what + ": corrupt: the SHA-256 of the " + end
                + " bytes does not match the one stored with them");
        }
        long bodyLength = prefix.getLong();
        if (bodyLength < 0 || bodyLength > IdxInput.MAX_ARRAY) {
            throw new InvalidDataException(what + ": corrupt: body length " + bodyLength);
        }
        ByteBuffer body = ByteBuffer.wrap(inflate(bytes, PREFIX, end - PREFIX, (int) bodyLength, what));
        try {
            String source = string(body, what);
            String split = string(body, what);
            byte[] content = new byte[DIGEST];
            body.get(content);
            LabeledImages train = getSet(body, what);
            LabeledImages test = getSet(body, what);
            if (body.hasRemaining()) {
                throw new InvalidDataException(what + ": corrupt: " + body.remaining() + " bytes after the test set");
            }
            MnistData data = new MnistData(train, test, source, split);
            if (!data.checksum().equals(HexFormat.of().formatHex(content))) {
                throw new InvalidDataException(what + ": corrupt: decoded content checksum " + data.checksum()
                    + " differs from the stored " + HexFormat.of().formatHex(content));
            }
            return data;
        } catch (InvalidDataException e) {
            throw e;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidDataException(what + ": corrupt body: " + e, e);
        }
    }

    private static long setBytes(LabeledImages set) {
        return 12L + (long) set.count() * set.pixelsPerImage() + set.count();
    }

    private static void putSet(ByteBuffer body, LabeledImages set) {
        body.putInt(set.count()).putInt(set.rows()).putInt(set.cols()).put(set.pixelsView()).put(set.labelsView());
    }

    private static LabeledImages getSet(ByteBuffer body, String what) {
        int count = body.getInt();
        int rows = body.getInt();
        int cols = body.getInt();
        long n = (long) count * rows * cols;
        if (count < 0 || rows <= 0 || cols <= 0 || n + count > body.remaining()) {
            throw new InvalidDataException(what + ": corrupt: set of " + count + " images of " + rows + "x" + cols
                + " does not fit in the remaining " + body.remaining() + " bytes");
        }
        byte[] pixels = new byte[(int) n];
        byte[] labels = new byte[count];
        body.get(pixels).get(labels);
        return new LabeledImages(count, rows, cols, pixels, labels, true);
    }

    private static String string(ByteBuffer body, String what) {
        int n = body.getInt();
        if (n < 0 || n > body.remaining()) {
            throw new InvalidDataException(what + ": corrupt: string length " + n);
        }
        byte[] b = new byte[n];
        body.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] inflate(byte[] bytes, int offset, int length, int bodyLength, String what) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, offset, length);
            byte[] body = new byte[bodyLength];
            byte[] scratch = new byte[1];
            long n = 0;
            while (!inflater.finished()) {
                int k = n < bodyLength ? inflater.inflate(body, (int) n, bodyLength - (int) n) : inflater.inflate(scratch);
                n += k;
                if (n > bodyLength) {
                    throw new InvalidDataException(what + ": corrupt: deflated body is longer than the "
                        + bodyLength + " bytes the header says");
                }
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (n != bodyLength || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new InvalidDataException(what + ": corrupt: deflated body gives " + n + " bytes"
                    + (inflater.finished() ? "" : " and ends early") + ", header says " + bodyLength
                    + (inflater.getRemaining() != 0 ? "; " + inflater.getRemaining() + " bytes left over" : ""));
            }
            return body;
        } catch (DataFormatException e) {
            throw new InvalidDataException(what + ": corrupt deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
