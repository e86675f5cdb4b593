package org.losslab.activations;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Bulk copies between a dense ND4J array and a Java array. On the CPU machines of this project every
 * ND4J op costs milliseconds on a 500×512 array (mostly allocation), so a piecewise-linear function
 * evaluated as masks and arithmetic (~20 ops) was the bottleneck of sampling; one bulk read, a Java
 * loop and one bulk write are ~20× faster. Only arrays that own their whole buffer in C order
 * qualify; callers fall back to ND4J ops otherwise.
 */
public final class DenseArrays {

    private DenseArrays() {
    }

    /** True if {@code a} is float or double, C-ordered, not a view, and spans its whole buffer. */
    public static boolean isDense(INDArray a) {
        DataType t = a.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.ordering() == 'c' && !a.isView() && a.offset() == 0
                && a.data().length() == a.length() && a.length() <= Integer.MAX_VALUE
                && Shape.hasDefaultStridesForShape(a);
    }

    public static float[] readFloats(INDArray a) {
        float[] v = new float[(int) a.length()];
        a.data().asNioFloat().get(0, v);
        return v;
    }

    public static void writeFloats(INDArray a, float[] v) {
        a.data().asNioFloat().put(0, v);
    }

    public static double[] readDoubles(INDArray a) {
        double[] v = new double[(int) a.length()];
        a.data().asNioDouble().get(0, v);
        return v;
    }

    public static void writeDoubles(INDArray a, double[] v) {
        a.data().asNioDouble().put(0, v);
    }
}
