package org.losslab.hessian;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The exact Hessian of the training loss as a dense P × P matrix, built block by block from per-row
 * factors ({@link LayerPairBlock}): for one hidden layer of width 25 (P = 2,785) over 60,000 rows that
 * is about 3·10¹¹ floating-point operations, nearly all in DGEMM, instead of 2,785 Hessian-vector
 * products over the data (ten times more). Its eigenvalues come from LAPACK's DSYEVD.
 */
public final class DenseHessian implements AutoCloseable {

    /** Doubles per chunk work matrix: bounds the work space to a few times 32 MiB. */
    static final long WORK_ELEMENTS = 1L << 22;

    private final int p;
    private final DoubleBlock matrix;
    private boolean closed;

    private DenseHessian(int p, DoubleBlock matrix) {
        this.p = p;
        this.matrix = matrix;
    }

    /** Largest parameter count a dense Hessian can have here (its P² doubles are one off-heap array). */
    public static final int MAX_PARAMETERS = 46_000;

    public static DenseHessian compute(MlpShape shape, double[] parameters, TrainingSet data) {
        MlpLoss.checkLength(shape, parameters);
        int p = shape.parameterCount();
        if (p > MAX_PARAMETERS) {
            throw new IllegalArgumentException("a dense Hessian of " + p + " parameters exceeds " + MAX_PARAMETERS);
        }
        int layers = shape.layers();
        List<LayerPairBlock> blocks = new ArrayList<>();
        DoubleBlock h = new DoubleBlock((long) p * p);
        try (DoubleBlock theta = DoubleBlock.of(parameters)) {
            for (int l = 1; l <= layers; l++) {
                for (int m = l; m <= layers; m++) {
                    blocks.add(new LayerPairBlock(shape, l, m));
                }
            }
            int widest = widestWork(shape);
            int rows = chunkRows(shape, data.rows());
            try (ChunkPass pass = new ChunkPass(shape, data, rows);
                 GaussNewtonFactors factors = new GaussNewtonFactors(pass);
                 DoubleBlock e = new DoubleBlock((long) rows * widest);
                 DoubleBlock f = new DoubleBlock((long) rows * widest)) {
                accumulate(shape, data, theta, pass, factors, blocks, e, f);
            }
            for (LayerPairBlock b : blocks) {
                b.scatter(h);
            }
            return new DenseHessian(p, h);
        } catch (RuntimeException | Error ex) {
            h.close();
            throw ex;
        } finally {
            blocks.forEach(LayerPairBlock::close);
        }
    }

    /** Columns of the widest per-row work matrix of any block. */
    static int widestWork(MlpShape shape) {
        int widest = shape.outputs() * shape.maxWidth();
        for (int l = 1; l <= shape.layers(); l++) {
            for (int m = l; m <= shape.layers(); m++) {
                try (LayerPairBlock b = new LayerPairBlock(shape, l, m, false)) {
                    widest = Math.max(widest, b.workColumns());
                }
            }
        }
        return widest;
    }

    /** Rows per chunk: as many as keep each work matrix within {@link #WORK_ELEMENTS} doubles. */
    static int chunkRows(MlpShape shape, long n) {
        long rows = Math.max(16, Math.min(MlpLoss.CHUNK_ROWS, WORK_ELEMENTS / widestWork(shape)));
        return (int) Math.min(rows, n);
    }

    private static void accumulate(MlpShape shape, TrainingSet data, DoubleBlock theta, ChunkPass pass,
                                   GaussNewtonFactors factors, List<LayerPairBlock> blocks, DoubleBlock e,
                                   DoubleBlock f) {
        int n = data.rows();
        int layers = shape.layers();
        for (int start = 0; start < n; start += pass.capacity) {
            pass.forward(theta, start, Math.min(pass.capacity, n - start));
            pass.backward(theta);
            factors.computeQ(theta);
            for (LayerPairBlock b : blocks) {
                b.addGaussNewton(pass, factors, e, f);
                if (b.m == b.l + 1) {
                    b.addCross(pass, null, e, f);
                }
            }
            for (int l = 1; l <= layers - 2; l++) {
                int from = l;
                factors.forEachJacobian(theta, l, layers - 1, (kt, q) -> blockOf(blocks, from, q + 1)
                        .addCross(pass, kt, e, f));
            }
        }
    }

    private static LayerPairBlock blockOf(List<LayerPairBlock> blocks, int l, int m) {
        for (LayerPairBlock b : blocks) {
            if (b.l == l && b.m == m) {
                return b;
            }
        }
        throw new IllegalStateException("no block (" + l + ", " + m + ")");
    }

    public int dimension() {
        return p;
    }

    public double get(int row, int col) {
        return matrix.get(row * p + col);
    }

    /** Row i (= column i) as a fresh array. */
    public double[] row(int i) {
        double[] out = new double[p];
        matrix.copyTo(i * p, out, 0, p);
        return out;
    }

    /** All P eigenvalues, ascending, by DSYEVD on a copy of the matrix (which stays usable). */
    public double[] eigenvalues() {
        try (DoubleBlock copy = new DoubleBlock((long) p * p)) {
            Pointer.memcpy(copy.pointer, matrix.pointer, 8L * p * p);
            return eigenvaluesOf(copy);
        }
    }

    /** All P eigenvalues, ascending, by DSYEVD in place: saves the copy, but the matrix is gone (closed). */
    public double[] eigenvaluesDestroying() {
        try {
            return eigenvaluesOf(matrix);
        } finally {
            close();
        }
    }

    private double[] eigenvaluesOf(DoubleBlock a) {
        try (DoubleBlock values = new DoubleBlock(p)) {
            Blas.symmetricEigen(a.pointer, p, false, values.pointer);
            double[] out = new double[p];
            values.copyTo(0, out, 0, p);
            return out;
        }
    }

    /** Bytes a dense Hessian of P parameters holds at its peak (the matrix; the work space is bounded apart). */
    public static long matrixBytes(long p) {
        return 8 * p * p;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            matrix.close();
        }
    }
}
