package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MnistDataCodecTest {

    static final String WHAT = "dataset 7 (table dataset)";

    static MnistData small() {
        Random rnd = new Random(5);
        LabeledImages train = new LabeledImages(30, 6, 4, IdxFixtures.randomPixels(rnd, 30, 6, 4), IdxFixtures.cyclingLabels(30, 0));
        LabeledImages test = new LabeledImages(7, 6, 4, IdxFixtures.randomPixels(rnd, 7, 6, 4), IdxFixtures.cyclingLabels(7, 4));
        return new MnistData(train, test, "somewhere: ünïcode names", "file order; train = [0, 30), test = [30, 37)");
    }

    static void assertSame(MnistData got, MnistData want) {
        assertThat(got.source()).isEqualTo(want.source());
        assertThat(got.split()).isEqualTo(want.split());
        assertThat(got.checksum()).isEqualTo(want.checksum());
        for (var pair : new LabeledImages[][] {{got.train(), want.train()}, {got.test(), want.test()}}) {
            assertThat(pair[0].count()).isEqualTo(pair[1].count());
            assertThat(pair[0].rows()).isEqualTo(pair[1].rows());
            assertThat(pair[0].cols()).isEqualTo(pair[1].cols());
            assertThat(pair[0].pixelsCopy()).isEqualTo(pair[1].pixelsCopy());
            assertThat(pair[0].labelsCopy()).isEqualTo(pair[1].labelsCopy());
        }
    }

    @Test
    void roundTripsASmallSet() {
        MnistData data = small();
        byte[] bytes = MnistDataCodec.encode(data);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {'L', 'L', 'M', 'N', 'I', 'S', 'T', 0});
        assertSame(MnistDataCodec.decode(bytes, WHAT), data);
        assertThat(MnistDataCodec.encode(data)).as("encoding is deterministic").isEqualTo(bytes);
    }

    @Test
    void roundTripsTheReal10kSetCompactly() {
        MnistData data = MnistSource.load(Path.of("data/mnist-10k"));
        long t0 = System.nanoTime();
        byte[] bytes = MnistDataCodec.encode(data);
        long t1 = System.nanoTime();
        MnistData back = MnistDataCodec.decode(bytes, WHAT);
        long t2 = System.nanoTime();
        assertSame(back, data);
        assertThat(back.checksum()).isEqualTo(MnistTenKTest.CHECKSUM_HOLDOUT_2000);
        // raw content is 7.85 MB; the gzip'd IDX files are 1.6 MB
        assertThat(bytes.length).isLessThan(3_000_000);
        System.out.printf("10k codec: %d bytes, encode %.0f ms, decode %.0f ms%n",
            bytes.length, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    @Test
    void everySingleFlippedByteIsDetected() {
        byte[] bytes = MnistDataCodec.encode(small());
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x10;
            int at = i;
            assertThatThrownBy(() -> MnistDataCodec.decode(bad, WHAT)).as("flip at %d", at)
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(WHAT + ": ");
        }
    }

    @Test
    void corruptionInTheBodyNamesTheChecksum() {
        byte[] bytes = MnistDataCodec.encode(small());
        bytes[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> MnistDataCodec.decode(bytes, WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(WHAT + ": corrupt: the SHA-256 of the " + (bytes.length - 32)
                + " bytes does not match the one stored with them");
    }

    @Test
    void truncatedOrEmptyBytesAreRefused() {
        byte[] bytes = MnistDataCodec.encode(small());
        assertThatThrownBy(() -> MnistDataCodec.decode(Arrays.copyOf(bytes, bytes.length - 1), WHAT))
            .isInstanceOf(InvalidDataException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> MnistDataCodec.decode(new byte[0], WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(WHAT + ": 0 bytes, too short for an encoded MNIST dataset");
    }

    @Test
    void otherBytesAreNotMistakenForADataset() {
        byte[] notOurs = new byte[100];
        notOurs[0] = (byte) 0x89;
        notOurs[1] = 'P';
        assertThatThrownBy(() -> MnistDataCodec.decode(notOurs, WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(WHAT + ": not an encoded MNIST dataset (wrong magic bytes 89 50 00 00 00 00 00 00)");
    }

    @Test
    void anotherVersionIsRefusedByName() throws Exception {
        byte[] bytes = MnistDataCodec.encode(small());
        ByteBuffer.wrap(bytes).putInt(8, 2);
        resign(bytes);
        assertThatThrownBy(() -> MnistDataCodec.decode(bytes, WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(WHAT + ": format version 2; this build reads version 1");
    }

    @Test
    void aWrongBodyLengthWithAValidFrameDigestIsStillCaught() throws Exception {
        for (long delta : new long[] {-1, 1}) {
            byte[] bytes = MnistDataCodec.encode(small());
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            buf.putLong(12, buf.getLong(12) + delta);
            resign(bytes);
            assertThatThrownBy(() -> MnistDataCodec.decode(bytes, WHAT))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(WHAT + ": corrupt: deflated body ");
        }
    }

    /** Builds a frame from the documented layout, independently of the encoder. */
    private static byte[] frame(String source, String split, byte[] contentDigest, LabeledImages... sets) throws Exception {
        byte[] src = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] spl = split.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(body);
        out.writeInt(src.length);
        out.write(src);
        out.writeInt(spl.length);
        out.write(spl);
        out.write(contentDigest);
        for (LabeledImages s : sets) {
            out.writeInt(s.count());
            out.writeInt(s.rows());
            out.writeInt(s.cols());
            out.write(s.pixelsCopy());
            out.write(s.labelsCopy());
        }
        byte[] raw = body.toByteArray();
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream f = new java.io.DataOutputStream(frame);
        f.write(new byte[] {'L', 'L', 'M', 'N', 'I', 'S', 'T', 0});
        f.writeInt(1);
        f.writeLong(raw.length);
        try (var z = new java.util.zip.DeflaterOutputStream(f)) {
            z.write(raw);
        }
        byte[] bytes = Arrays.copyOf(frame.toByteArray(), frame.size() + 32);
        resign(bytes);
        return bytes;
    }

    @Test
    void anIndependentlyBuiltFrameDecodes() throws Exception {
        MnistData data = small();
        byte[] digest = java.util.HexFormat.of().parseHex(data.checksum());
        assertSame(MnistDataCodec.decode(frame(data.source(), data.split(), digest, data.train(), data.test()), WHAT), data);
    }

    @Test
    void aContentChecksumThatDoesNotMatchIsRefused() throws Exception {
        MnistData data = small();
        byte[] digest = java.util.HexFormat.of().parseHex(data.checksum());
        digest[0] ^= 1;
        byte[] bytes = frame(data.source(), data.split(), digest, data.train(), data.test());
        assertThatThrownBy(() -> MnistDataCodec.decode(bytes, WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(WHAT + ": corrupt: decoded content checksum " + data.checksum() + " differs");
    }

    @Test
    void impossibleShapesAndMissingSetsAreRefused() throws Exception {
        MnistData data = small();
        byte[] digest = java.util.HexFormat.of().parseHex(data.checksum());
        byte[] onlyTrain = frame(data.source(), data.split(), digest, data.train());
        assertThatThrownBy(() -> MnistDataCodec.decode(onlyTrain, WHAT))
            .isInstanceOf(InvalidDataException.class).hasMessageStartingWith(WHAT + ": corrupt body: ");
        byte[] extra = frame(data.source(), data.split(), digest, data.train(), data.test(), data.test());
        assertThatThrownBy(() -> MnistDataCodec.decode(extra, WHAT))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(WHAT + ": corrupt: " + (12 + 7 * 24 + 7) + " bytes after the test set");
    }

    /** Recomputes the frame digest, to reach the checks behind it. */
    private static void resign(byte[] bytes) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, bytes.length - 32);
        System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
    }
}
