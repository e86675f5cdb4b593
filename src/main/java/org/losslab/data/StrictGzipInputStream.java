package org.losslab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Gzip decompression (RFC 1952) that refuses bytes after the last member. The JDK's
 * {@link java.util.zip.GZIPInputStream} silently ignores anything after a member that does not
 * look like another gzip header, so a file with junk appended would load as if it were clean.
 * Concatenated members are accepted (they are valid gzip); each member's CRC-32 and size are checked.
 */
final class StrictGzipInputStream extends InputStream {

    /** Bytes follow the last gzip member. */
    static final class TrailingBytesException extends IOException {
        final long count;

        TrailingBytesException(long count) {
            super(count + " bytes after the end of the gzip stream");
            this.count = count;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean eof;

    /** Reads and checks the first member's header. */
    StrictGzipInputStream(InputStream in) throws IOException {
        this.in = in;
        readHeader(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary, which gzip does not use");
            } else if (inflater.needsInput()) {
                if (pos >= lim && !fill()) {
                    throw new EOFException("gzip stream ends inside compressed data");
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
        }
        return -1;
    }

    /** Checks the trailer; then either the stream ends, another member starts, or it is trailing junk. */
    private void endMember() throws IOException {
        long storedCrc = readLe(4);
        long storedSize = readLe(4);
        if (storedCrc != crc.getValue()) {
            throw new ZipException("corrupt gzip trailer: CRC-32 mismatch");
        }
        if (storedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new ZipException("corrupt gzip trailer: size mismatch");
        }
        int next = rawByte();
        if (next < 0) {
            eof = true;
            return;
        }
        if (next != 0x1f || peekByte() != 0x8b) {
            long extra = 1;
            while (rawByte() >= 0) {
                extra++;
            }
            throw new TrailingBytesException(extra);
        }
        rawByte();
        readHeader(false);
        inflater.reset();
        crc.reset();
        memberSize = 0;
    }

    private void readHeader(boolean first) throws IOException {
        if (first && (rawByteOrEof() != 0x1f || rawByteOrEof() != 0x8b)) {
            throw new ZipException("not in gzip format");
        }
        int method = rawByteOrEof();
        if (method != 8) {
            throw new ZipException("unsupported compression method " + method);
        }
        int flags = rawByteOrEof();
        readLe(6); // mtime, extra flags, OS
        if ((flags & 4) != 0) {
            skipRaw(readLe(2)); // extra field
        }
        if ((flags & 8) != 0) {
            while (rawByteOrEof() != 0) { /* file name */ }
        }
        if ((flags & 16) != 0) {
            while (rawByteOrEof() != 0) { /* comment */ }
        }
        if ((flags & 2) != 0) {
            readLe(2); // header CRC-16
        }
    }

    private void skipRaw(long n) throws IOException {
        for (long k = 0; k < n; k++) {
            rawByteOrEof();
        }
    }

    private long readLe(int bytes) throws IOException {
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            v |= (long) rawByteOrEof() << (8 * k);
        }
        return v;
    }

    private int rawByteOrEof() throws IOException {
        int b = rawByte();
        if (b < 0) {
            throw new EOFException("gzip stream ends inside a header or trailer");
        }
        return b;
    }

    private int rawByte() throws IOException {
        return pos < lim || fill() ? buf[pos++] & 0xFF : -1;
    }

    private int peekByte() throws IOException {
        return pos < lim || fill() ? buf[pos] & 0xFF : -1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
