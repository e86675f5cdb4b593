package org.losslab.regions;

/**
 * A 128-bit hash value (MurmurHash3 x64-128), used as the key of an activation pattern: with
 * 10^4–10^5 patterns per layer the chance of any collision is about n²/2^129, i.e. nil.
 */
public record Hash128(long hi, long lo) implements Comparable<Hash128> {

    @Override
    public int compareTo(Hash128 o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** 32 lowercase hex digits, hi then lo. */
    public String hex() {
        return String.format("%016x%016x", hi, lo);
    }
}
