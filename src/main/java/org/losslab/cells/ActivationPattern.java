package org.losslab.cells;

import java.util.BitSet;

/**
 * Π(θ): the piece index of every hidden pre-activation on every training point (science.md §D.2),
 * bit (i · H + u) set iff z_u(x_i) &gt; 0 for hidden unit u of H. A cell is a set of θ with equal Π;
 * the open cell additionally has no pre-activation at the kink, recorded as the smallest |z|.
 * A linear activation has one piece, so its pattern is empty and every θ is in the one open cell.
 */
public final class ActivationPattern {

    private final BitSet positive;
    private final int points;
    private final int hiddenUnits;
    private final double minAbsPreactivation;

    private ActivationPattern(BitSet positive, int points, int hiddenUnits, double minAbsPreactivation) {
        this.positive = positive;
        this.points = points;
        this.hiddenUnits = hiddenUnits;
        this.minAbsPreactivation = minAbsPreactivation;
    }

    /** Smallest |z| over all hidden pre-activations and points: the distance (in z) to a kink. */
    public double minAbsPreactivation() {
        return minAbsPreactivation;
    }

    /** No pre-activation sits exactly on the kink. */
    public boolean isOpen() {
        return minAbsPreactivation > 0;
    }

    public boolean isPositive(int point, int unit) {
        return positive.get(point * hiddenUnits + unit);
    }

    /** Number of (point, unit) pairs on the z &gt; 0 piece. */
    public int positiveCount() {
        return positive.cardinality();
    }

    /** Number of (point, unit) entries in which two patterns differ. */
    public int hammingDistance(ActivationPattern other) {
        BitSet x = (BitSet) positive.clone();
        x.xor(other.positive);
        return x.cardinality();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationPattern p && p.points == points && p.hiddenUnits == hiddenUnits
                && p.positive.equals(positive);
    }

    @Override
    public int hashCode() {
        return positive.hashCode() * 31 + points * 7 + hiddenUnits;
    }

    @Override
    public String toString() {
        return "Pattern[n=" + points + ", units=" + hiddenUnits + ", positive=" + positiveCount()
                + ", min|z|=" + minAbsPreactivation + "]";
    }

    static final class Builder {
        private final BitSet bits = new BitSet();
        private final int points;
        private final int units;
        private final boolean linear;
        private double minAbs = Double.POSITIVE_INFINITY;

        Builder(int points, int units, boolean linear) {
            this.points = points;
            this.units = units;
            this.linear = linear;
        }

        void record(int point, int unit, double z) {
            if (linear) {
                return;
            }
            if (z > 0) {
                bits.set(point * units + unit);
            }
            minAbs = Math.min(minAbs, Math.abs(z));
        }

        ActivationPattern build() {
            return new ActivationPattern(bits, points, units, minAbs);
        }
    }
}
