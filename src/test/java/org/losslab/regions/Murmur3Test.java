package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.guava.hash.HashCode;
import org.nd4j.shade.guava.hash.Hashing;

class Murmur3Test {

    @Test
    void matchesGuavaMurmur3_128ForEveryTailLengthAndSeeds() {
        Random r = new Random(3);
        for (int len = 0; len < 70; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            for (int seed : new int[] {0, 1, -7}) {
                HashCode g = Hashing.murmur3_128(seed).hashBytes(b, 3, len);
                ByteBuffer bb = ByteBuffer.wrap(g.asBytes()).order(ByteOrder.LITTLE_ENDIAN);
                Hash128 expected = new Hash128(bb.getLong(), bb.getLong());
                // Guava widens its int seed to a long by sign extension
                assertThat(Murmur3.hash128(b, 3, len, (long) seed)).as("len %d seed %d", len, seed).isEqualTo(expected);
            }
        }
    }
}
