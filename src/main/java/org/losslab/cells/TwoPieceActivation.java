package org.losslab.cells;


/**
 * The two-piece activation h(z) = s− z for z ≤ 0 and s+ z for z &gt; 0 (science.md §D.2). Kept local to
 * this package on purpose: certificates need an exact, tiny representation whose piece index is
 * part of the activation pattern. Piece 1 is z &gt; 0, piece 0 is z ≤ 0; when s− = s+ the function is
 * linear and has a single piece (one cell), which is the linear control of §D.5 item 5.
 */
public record TwoPieceActivation(String name, double slopeNegative, double slopePositive) {

    public static final TwoPieceActivation LEAKY_RELU = new TwoPieceActivation("leaky-relu-0.1", 0.1, 1.0);
    public static final TwoPieceActivation RELU = new TwoPieceActivation("relu", 0.0, 1.0);
    public static final TwoPieceActivation IDENTITY = new TwoPieceActivation("identity", 1.0, 1.0);

    public TwoPieceActivation {
        if (!Double.isFinite(slopeNegative) || !Double.isFinite(slopePositive)) {
            throw new IllegalArgumentException("activation " + name + ": slopes must be finite");
        }
    }

    /** Looks up a named activation: leaky-relu-0.1, relu, identity, or leaky-relu-S for slope S. */
    public static TwoPieceActivation named(String name) {
        switch (name) {
            case "leaky-relu-0.1", "leaky-relu": return LEAKY_RELU;
            case "relu": return RELU;
            case "identity", "linear": return IDENTITY;
            default:
                if (name.startsWith("leaky-relu-")) {
                    try {
                        double s = Double.parseDouble(name.substring("leaky-relu-".length()));
                        return new TwoPieceActivation(name, s, 1.0);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("activation: cannot parse slope in '" + name + "'", e);
                    }
                }
                throw new IllegalArgumentException("activation: unknown '" + name
                        + "' (use leaky-relu-0.1, relu, identity or leaky-relu-S)");
        }
    }

    public boolean isLinear() {
        return slopeNegative == slopePositive;
    }

    public double apply(double z) {
        return z > 0 ? slopePositive * z : slopeNegative * z;
    }

    /** The slope used inside a cell; at z = 0 the z ≤ 0 piece is taken (one-sided derivative). */
    public double slope(double z) {
        return z > 0 ? slopePositive : slopeNegative;
    }
}
