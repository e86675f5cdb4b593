package org.losslab.regions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;


/**
 * Minimal binary writer/reader for accumulator checkpoints: unsigned LEB128 varints for counts
 * (most are small), fixed 8-byte little-endian longs for hashes, length-prefixed UTF-8 strings,
 * and sparse arrays (count of non-zeros, then (gap, value) pairs) for histograms that are mostly 0.
 */
final class StateCodec {

    private StateCodec() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varint(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative count " + v);
            }
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Writer fixed(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Writer dense(long[] a) {
            varint(a.length);
            for (long v : a) {
                varint(v);
            }
            return this;
        }

        Writer sparse(long[] a) {
            varint(a.length);
            int nonZero = 0;
            for (long v : a) {
                if (v != 0) {
                    nonZero++;
                }
            }
            varint(nonZero);
            int last = -1;
            for (int i = 0; i < a.length; i++) {
                if (a[i] != 0) {
                    varint(i - last - 1);
                    varint(a[i]);
                    last = i;
                }
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = next();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw corrupt("varint too long");
        }

        int varintInt() {
            long v = varint();
            if (v > Integer.MAX_VALUE) {
                throw corrupt("value " + v + " too large");
            }
            return (int) v;
        }

        long fixed() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (next() & 0xFF) << (8 * i);
            }
            return v;
        }

        String string() {
            int n = varintInt();
            if (p + n > b.length) {
                throw corrupt("truncated string");
            }
            String s = new String(b, p, n, StandardCharsets.UTF_8);
            p += n;
            return s;
        }

        long[] dense(int expectedLength) {
            int n = varintInt();
            if (n != expectedLength) {
                throw corrupt("array length " + n + ", expected " + expectedLength);
            }
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = varint();
            }
            return a;
        }

        long[] sparse(int expectedLength) {
            int n = varintInt();
            if (n != expectedLength) {
                throw corrupt("array length " + n + ", expected " + expectedLength);
            }
            long[] a = new long[n];
            int nonZero = varintInt();
            int i = -1;
            for (int k = 0; k < nonZero; k++) {
                i += varintInt() + 1;
                if (i >= n) {
                    throw corrupt("sparse index " + i + " out of range");
                }
                a[i] = varint();
            }
            return a;
        }

        void expectEnd() {
            if (p != b.length) {
                throw corrupt((b.length - p) + " trailing bytes");
            }
        }

        private int next() {
            if (p >= b.length) {
                throw corrupt("truncated");
            }
            return b[p++];
        }

        IllegalArgumentException corrupt(String what) {
            return new IllegalArgumentException("accumulator state bytes: corrupt (" + what + " at byte " + p + ")");
        }
    }
}
