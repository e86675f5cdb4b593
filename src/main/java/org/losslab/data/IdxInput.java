package org.losslab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * One IDX file opened for reading, plain or gzip'd (detected by the magic bytes 1f 8b, not the
 * name). It knows how long the content can be before anything is allocated: exactly the file size
 * for a plain file, and at most {@value #MAX_DEFLATE_RATIO} times the file size for gzip (deflate's
 * largest expansion), so a corrupt header claiming billions of images is refused up front.
 * Every failure is an {@link InvalidDataException} whose message starts with the file name.
 */
final class IdxInput implements AutoCloseable {

    /** Deflate expands at most about 1032:1 (258-byte matches coded in 2 bits). */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** Java arrays hold at most this many bytes on common JVMs. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Path file;
    private final boolean gzip;
    private final long fileSize;
    private final InputStream in;
    private long position;

    private IdxInput(Path file, boolean gzip, long fileSize, InputStream in) {
        this.file = file;
        this.gzip = gzip;
        this.fileSize = fileSize;
        this.in = in;
    }

    static IdxInput open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidDataException(file + ": is a directory, expected an IDX file");
            }
            long size = Files.size(file);
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gz) {
                return new IdxInput(file, false, size, raw);
            }
            try {
                return new IdxInput(file, true, size, new StrictGzipInputStream(raw));
            } catch (IOException e) {
                raw.close();
                throw corruptGzip(file, e);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidDataException(file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InvalidDataException(file + ": cannot read: permission denied", e);
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read: " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /** Reads exactly {@code n} header bytes; a shorter file is truncated. */
    byte[] readHeader(int n) {
        byte[] header = read(n);
        if (header.length < n) {
            throw fail("truncated: " + (gzip ? "decompresses to " : "has ") + header.length
                + " bytes, shorter than the " + n + "-byte IDX header");
        }
        return header;
    }

    /**
     * Reads the body that the header describes as {@code what} ("60000 images of 28x28") and
     * checks that the content ends exactly after it: fewer bytes is "truncated", more is
     * "trailing data". Sizes are checked against the file before the body is allocated.
     */
    byte[] readBody(long bodyBytes, String what) {
        long expected = position + bodyBytes;
        String claim = "header says " + what + " (" + expected + " bytes)";
        if (!gzip && fileSize < expected) {
            throw fail("truncated: " + claim + " but the file has " + fileSize + " bytes");
        }
        if (gzip && expected > MAX_DEFLATE_RATIO * fileSize + 1024) {
            throw fail("truncated or corrupt header: " + claim + " but a gzip file of " + fileSize
                + " bytes decompresses to at most " + (MAX_DEFLATE_RATIO * fileSize + 1024) + " bytes");
        }
        if (!gzip && fileSize > expected) {
            throw fail("trailing data: " + claim + " but the file has " + fileSize + " bytes ("
                + (fileSize - expected) + " extra)");
        }
        if (bodyBytes > MAX_ARRAY) {
            throw fail("too large: " + claim + ", more than one Java array holds (" + MAX_ARRAY + ")");
        }
        byte[] body = read((int) bodyBytes);
        if (body.length < bodyBytes) {
            throw fail("truncated: " + claim + " but the file " + (gzip ? "decompresses to " : "has ")
                + position + " bytes");
        }
        long extra = drain();
        if (extra > 0) {
            throw fail("trailing data: " + claim + " but the file " + (gzip ? "decompresses to " : "has ")
                + (expected + extra) + " bytes (" + extra + " extra)");
        }
        return body;
    }

    /** An {@link InvalidDataException} whose message names this file. */
    InvalidDataException fail(String problem) {
        return new InvalidDataException(file + ": " + problem);
    }

    /** Reads up to {@code n} bytes; gzip content is read in chunks, so memory follows real data. */
    private byte[] read(int n) {
        try {
            byte[] bytes;
            if (gzip) {
                bytes = in.readNBytes(n);
            } else {
                bytes = new byte[n];
                int got = in.readNBytes(bytes, 0, n);
                if (got < n) {
                    bytes = java.util.Arrays.copyOf(bytes, got);
                }
            }
            position += bytes.length;
            return bytes;
        } catch (IOException e) {
            throw gzip ? corruptGzip(file, e) : new InvalidDataException(file + ": cannot read: " + e, e);
        }
    }

    private long drain() {
        try {
            long extra = 0;
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) {
                extra += k;
            }
            return extra;
        } catch (IOException e) {
            throw gzip ? corruptGzip(file, e) : new InvalidDataException(file + ": cannot read: " + e, e);
        }
    }

    private static InvalidDataException corruptGzip(Path file, IOException e) {
        if (e instanceof StrictGzipInputStream.TrailingBytesException t) {
            return new InvalidDataException(file + ": trailing data: " + t.count
                + " bytes after the end of the gzip stream", e);
        }
        String why = e instanceof EOFException ? "the compressed stream ends early (file cut short)"
            : e instanceof ZipException ? e.getMessage() : e.toString();
        return new InvalidDataException(file + ": corrupt gzip data: " + why, e);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only; nothing to lose
        }
    }
}
