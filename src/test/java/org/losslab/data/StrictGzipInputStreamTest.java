package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictGzipInputStreamTest {

    static byte[] readAll(byte[] gz) throws IOException {
        try (StrictGzipInputStream in = new StrictGzipInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** One gzip member with every optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC), built by hand. */
    static byte[] memberWithAllHeaderFields(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 1, 2, 3, 4, 0, 3});
        out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});          // FEXTRA, 3 bytes
        out.writeBytes(new byte[] {'f', '.', 'i', 'd', 'x', 0});     // FNAME
        out.writeBytes(new byte[] {'h', 'i', 0});                    // FCOMMENT
        out.writeBytes(new byte[] {0x12, 0x34});                     // FHCRC (not checked)
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLe(out, crc.getValue());
        writeLe(out, data.length);
        return out.toByteArray();
    }

    static void writeLe(ByteArrayOutputStream out, long v) {
        for (int k = 0; k < 4; k++) {
            out.write((int) (v >>> (8 * k)) & 0xFF);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 65536, 300_000})
    void readsWhatTheJdkWrites(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        for (int k = 0; k < size; k += 3) {
            data[k] = 0; // partly compressible
        }
        assertThat(readAll(IdxFixtures.gzip(data))).isEqualTo(data);
    }

    @Test
    void readsConcatenatedMembersAndOptionalHeaderFields() throws IOException {
        byte[] a = new byte[100_000];
        new Random(1).nextBytes(a);
        byte[] b = "second member".getBytes();
        ByteArrayOutputStream cat = new ByteArrayOutputStream();
        cat.writeBytes(memberWithAllHeaderFields(a));
        cat.writeBytes(IdxFixtures.gzip(b));
        cat.writeBytes(memberWithAllHeaderFields(new byte[0]));
        byte[] want = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, want, a.length, b.length);
        assertThat(readAll(cat.toByteArray())).isEqualTo(want);
    }

    @Test
    void refusesBytesAfterTheLastMember() {
        byte[] gz = IdxFixtures.gzip("hello".getBytes());
        byte[] junk = Arrays.copyOf(gz, gz.length + 5);
        assertThatThrownBy(() -> readAll(junk))
            .isInstanceOf(StrictGzipInputStream.TrailingBytesException.class)
            .hasMessage("5 bytes after the end of the gzip stream");
        byte[] half = Arrays.copyOf(gz, gz.length + 1);
        half[gz.length] = 0x1f; // looks like the start of a member, then ends
        assertThatThrownBy(() -> readAll(half)).isInstanceOf(IOException.class);
    }

    @Test
    void refusesBadTrailersAndCutStreams() {
        byte[] gz = IdxFixtures.gzip(new byte[5000]);
        byte[] badSize = gz.clone();
        badSize[gz.length - 1] ^= 1;
        assertThatThrownBy(() -> readAll(badSize)).isInstanceOf(ZipException.class).hasMessageContaining("size mismatch");
        assertThatThrownBy(() -> readAll(Arrays.copyOf(gz, gz.length - 3))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> readAll(Arrays.copyOf(gz, 12))).isInstanceOf(EOFException.class);
        byte[] method = gz.clone();
        method[2] = 7;
        assertThatThrownBy(() -> readAll(method)).isInstanceOf(ZipException.class)
            .hasMessage("unsupported compression method 7");
    }

    @Test
    void idxReaderReportsJunkAfterTheGzipStream(@TempDir Path dir) {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.labelsIdx(IdxFixtures.cyclingLabels(20, 0)));
        Path file = IdxFixtures.write(dir, "labels.gz", Arrays.copyOf(gz, gz.length + 32));
        assertThatThrownBy(() -> IdxReader.readLabels(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(file + ": trailing data: 32 bytes after the end of the gzip stream");
    }

    @Test
    void bundledFilesUseTheirHeaderFieldsCorrectly() {
        // data/mnist-10k was written by another gzip implementation; it must still decode
        assertThat(IdxReader.readLabels(Path.of("data/mnist-10k/labels-idx1-ubyte.gz"))).hasSize(10_000);
    }
}
