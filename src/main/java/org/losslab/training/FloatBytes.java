package org.losslab.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Exact float32 little-endian encoding of parameter vectors, and their SHA-256. */
public final class FloatBytes {

    private FloatBytes() {
    }

    public static byte[] encode(float[] values) {
        byte[] out = new byte[values.length * 4];
        encode(values, out);
        return out;
    }

    /** Encodes {@code values} into the first {@code 4·values.length} bytes of {@code out}, allocating nothing large. */
    public static void encode(float[] values, byte[] out) {
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    }

    public static float[] decode(byte[] bytes) {
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException("float32 payload of " + bytes.length + " bytes is not a multiple of 4");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
