package org.losslab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checkpoint parameters are float32 little-endian, every bit kept, however they are encoded. */
class FloatBytesTest {

    private static final float[] SPECIAL = {0f, -0f, 1f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.NaN,
        Float.intBitsToFloat(0x7fc01234), Float.NEGATIVE_INFINITY, 1e-40f};

    @Test
    void encodesLittleEndianFloat32() {
        assertThat(FloatBytes.encode(new float[] {1f, -2.5f}))
                .containsExactly(0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0);
    }

    @Test
    void bothEncodingsRoundTripEveryBit() {
        float[] v = Arrays.copyOf(SPECIAL, 1000);
        Random rnd = new Random(3);
        for (int i = SPECIAL.length; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        byte[] fresh = FloatBytes.encode(v);
        byte[] into = new byte[4 * v.length + 8];
        Arrays.fill(into, (byte) 7);
        FloatBytes.encode(v, into);
        assertThat(Arrays.copyOf(into, fresh.length)).isEqualTo(fresh);
        assertThat(Arrays.copyOfRange(into, fresh.length, into.length)).containsOnly(7);
        float[] back = FloatBytes.decode(fresh);
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("float %d", i).isEqualTo(Float.floatToRawIntBits(v[i]));
        }
    }
}
