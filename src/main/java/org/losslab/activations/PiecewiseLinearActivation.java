package org.losslab.activations;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J/ND4J activation for an arbitrary {@link PiecewiseLinear} (science.md §C.2), so networks
 * with that activation train with backprop: {@code dL/dz = α_{r(z)} · ε}.
 *
 * <p>Every output is {@code α_ℓ z + β_ℓ} of its own piece (a running sum of slope differences would
 * make HardTanh's middle piece {@code (z+1)−1 ≠ z} in float), with pieces decided by the strict
 * comparison {@code z > a} of {@link PiecewiseLinear#piece} (float arrays:
 * {@link PiecewiseLinear#pieceOfFloat}). Dense float/double arrays are computed in one Java loop
 * over a bulk copy ({@link DenseArrays}: about 20× faster here than ~20 ND4J ops); other arrays
 * use masks {@code Σ_ℓ 1{z ∈ (a_{ℓ−1}, a_ℓ]} · (α_ℓ z + β_ℓ)} with the same semantics.
 *
 * <p>Serialisation: DL4J writes activations into its JSON configs with Jackson (the
 * {@code IActivation} interface sets {@code @class} type info and field visibility ANY), so the
 * state is the plain fields below plus a no-argument constructor; configs and saved models round
 * trip.
 *
 * <p><b>In place, like the built-ins.</b> DL4J requires the result to live in the workspace of
 * {@code in}, so both passes overwrite {@code in}. Beware: in inference DL4J's
 * {@code ActivationLayer} passes the previous layer's output array itself, so after
 * {@code feedForward(x, false)} the "pre-activation" entries already hold activations (the HardTanh
 * oracle test saw z = 2 come back as 1). {@code PreActivationSampler} therefore classifies z
 * before the activation layer runs.
 */
public class PiecewiseLinearActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private String name;
    private double[] breakpoints;
    private double[] slopes;
    private double[] intercepts;

    /** For Jackson. */
    protected PiecewiseLinearActivation() {
    }

    public PiecewiseLinearActivation(PiecewiseLinear f) {
        this.name = f.name();
        this.breakpoints = f.breakpoints();
        this.slopes = f.slopes();
        this.intercepts = f.intercepts();
    }

    /** The activation model (validated again on each call, so a hand-edited config fails loudly). */
    public PiecewiseLinear model() {
        return new PiecewiseLinear(name, breakpoints, slopes, intercepts);
    }

    /** Overwrites and returns {@code in} (DL4J's contract: the result must live in in's workspace). */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (DenseArrays.isDense(in)) {
            PiecewiseLinear f = model();
            if (in.dataType() == DataType.FLOAT) {
                float[] v = DenseArrays.readFloats(in);
                float[] a = toFloats(slopes);
                float[] b = toFloats(intercepts);
                for (int i = 0; i < v.length; i++) {
                    int p = f.pieceOfFloat(v[i]);
                    v[i] = a[p] * v[i] + b[p]; // float arithmetic, as ND4J's ops on a float array
                }
                DenseArrays.writeFloats(in, v);
            } else {
                double[] v = DenseArrays.readDoubles(in);
                for (int i = 0; i < v.length; i++) {
                    int p = f.piece(v[i]);
                    v[i] = slopes[p] * v[i] + intercepts[p];
                }
                DenseArrays.writeDoubles(in, v);
            }
            return in;
        }
        INDArray z = in.dup();
        INDArray out = z.ulike().assign(0);
        for (int p = 0; p < slopes.length; p++) {
            out.addi(z.mul(slopes[p]).addi(intercepts[p]).muli(pieceMask(z, p)));
        }
        return in.assign(out);
    }

    /** Overwrites {@code in} with {@code α_{r(z)} · ε} and returns it, as the built-in activations do. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (DenseArrays.isDense(in) && DenseArrays.isDense(epsilon) && in.dataType() == epsilon.dataType()) {
            PiecewiseLinear f = model();
            if (in.dataType() == DataType.FLOAT) {
                float[] v = DenseArrays.readFloats(in);
                float[] e = DenseArrays.readFloats(epsilon);
                float[] a = toFloats(slopes);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[f.pieceOfFloat(v[i])] * e[i];
                }
                DenseArrays.writeFloats(in, v);
            } else {
                double[] v = DenseArrays.readDoubles(in);
                double[] e = DenseArrays.readDoubles(epsilon);
                for (int i = 0; i < v.length; i++) {
                    v[i] = slopes[f.piece(v[i])] * e[i];
                }
                DenseArrays.writeDoubles(in, v);
            }
            return new Pair<>(in, null);
        }
        INDArray slope = in.ulike().assign(0);
        for (int p = 0; p < slopes.length; p++) {
            if (slopes[p] != 0) {
                slope.addi(pieceMask(in, p).muli(slopes[p]));
            }
        }
        return new Pair<>(in.assign(slope.muli(epsilon)), null);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** 1 where z lies in 0-based piece p, i.e. a_{p} < z ≤ a_{p+1} in 1-based breakpoint numbering. */
    private INDArray pieceMask(INDArray z, int p) {
        INDArray above = p == 0 ? null : z.gt(breakpoints[p - 1]).castTo(z.dataType());
        INDArray notBelow = p == breakpoints.length ? null : z.gt(breakpoints[p]).castTo(z.dataType());
        if (above == null && notBelow == null) {
            return z.ulike().assign(1);
        }
        if (above == null) {
            return notBelow.rsubi(1);
        }
        return notBelow == null ? above : above.subi(notBelow);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseLinearActivation a && Objects.equals(name, a.name)
                && Arrays.equals(breakpoints, a.breakpoints) && Arrays.equals(slopes, a.slopes)
                && Arrays.equals(intercepts, a.intercepts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(breakpoints), Arrays.hashCode(slopes), Arrays.hashCode(intercepts));
    }

    @Override
    public String toString() {
        return "pl(" + name + ")";
    }
}
