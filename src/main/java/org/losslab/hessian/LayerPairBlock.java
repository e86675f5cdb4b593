package org.losslab.hessian;

/**
 * The Hessian block between the parameters of weight layers l ≤ m, accumulated over chunks of rows as
 * DGEMMs and scattered into the dense matrix at the end.
 *
 * <p>Gauss–Newton part: G[(a,b),(j,k)] = Σ_rows ã_{l−1}[a]·ã_{m−1}[b]·(Q_l Q_mᵀ)[j,k]/n, one product
 * Eᵀ·F of a chunk's input outer products E with its factor products F. On the diagonal (l = m) both
 * are symmetric, so only pairs a ≤ b and j ≤ k are formed (a quarter of the work).
 * Cross part (l &lt; m): ∂ã_{m−1}[b]/∂W_l[a,j] = ã_{l−1}[a]·∂a_{m−1}[b]/∂z_l[j] times the error
 * δ_m[k], i.e. N[a,(j,b,k)] = Σ_rows ã_{l−1}[a]·(∂a_{m−1}/∂z_l)[b,j]·δ_m[k]; for m = l + 1 that
 * Jacobian is diagonal (b = j). ReLU's second derivative vanishes, so there is nothing else.
 */
final class LayerPairBlock implements AutoCloseable {

    final int l;
    final int m;
    private final MlpShape shape;
    private final int pl;
    private final int pm;
    private final int dl;
    private final int dm;
    private final boolean diagonal;
    private final int eCols;
    private final int fCols;
    private final int crossCols;
    private final DoubleBlock gauss;
    private final DoubleBlock cross;

    LayerPairBlock(MlpShape shape, int l, int m) {
        this(shape, l, m, true);
    }

    /** With {@code allocate} false only the sizes are known (for cost estimates). */
    LayerPairBlock(MlpShape shape, int l, int m, boolean allocate) {
        this.shape = shape;
        this.l = l;
        this.m = m;
        this.pl = shape.size(l - 1) + 1;
        this.pm = shape.size(m - 1) + 1;
        this.dl = shape.size(l);
        this.dm = shape.size(m);
        this.diagonal = l == m;
        this.eCols = diagonal ? pl * (pl + 1) / 2 : pl * pm;
        this.fCols = diagonal ? dl * (dl + 1) / 2 : dl * dm;
        this.crossCols = diagonal ? 0 : m == l + 1 ? dl * dm : dl * shape.size(m - 1) * dm;
        this.gauss = allocate ? new DoubleBlock((long) eCols * fCols) : null;
        this.cross = allocate && !diagonal ? new DoubleBlock((long) pl * crossCols) : null;
    }

    /** Doubles of the block's accumulators. */
    long accumulatorDoubles() {
        return (long) eCols * fCols + (diagonal ? 0 : (long) pl * crossCols);
    }

    /** Floating-point operations of its DGEMMs over n rows. */
    double gemmFlops(long n) {
        return 2.0 * n * ((double) eCols * fCols + (diagonal ? 0 : (double) pl * crossCols));
    }

    /** Columns of the widest per-row work matrix this block needs. */
    int workColumns() {
        return Math.max(Math.max(eCols, fCols), crossCols);
    }

    /** Adds the chunk's Gauss–Newton contribution, using {@code e} and {@code f} as work space. */
    void addGaussNewton(ChunkPass pass, GaussNewtonFactors q, DoubleBlock e, DoubleBlock f) {
        int rows = pass.rows;
        int classes = shape.outputs();
        double scale = 1.0 / pass.data.rows();
        double[] xl = new double[pl];
        double[] xm = new double[pm];
        double[] ql = new double[classes * dl];
        double[] qm = new double[classes * dm];
        double[] eRow = new double[eCols];
        double[] fRow = new double[fCols];
        for (int i = 0; i < rows; i++) {
            pass.inputRow(l, i, xl);
            pass.inputRow(m, i, xm);
            int col = 0;
            for (int a = 0; a < pl; a++) {
                double xa = xl[a];
                for (int b = diagonal ? a : 0; b < pm; b++) {
                    eRow[col++] = xa * xm[b];
                }
            }
            e.copyFrom(eRow, 0, i * eCols, eCols);
            q.qt[l].copyTo(i * classes * dl, ql, 0, ql.length);
            q.qt[m].copyTo(i * classes * dm, qm, 0, qm.length);
            col = 0;
            for (int j = 0; j < dl; j++) {
                for (int k = diagonal ? j : 0; k < dm; k++) {
                    double s = 0;
                    for (int c = 0; c < classes; c++) {
                        s += ql[c * dl + j] * qm[c * dm + k];
                    }
                    fRow[col++] = s * scale;
                }
            }
            f.copyFrom(fRow, 0, i * fCols, fCols);
        }
        Blas.gemm(true, false, eCols, fCols, rows, 1.0, e.pointer, eCols, f.pointer, fCols, 1.0, gauss.pointer, fCols);
    }

    /**
     * Adds the chunk's cross term given ∂a_{m−1}/∂z_l ({@code kt}, null when m = l + 1), using
     * {@code a} and {@code f} as work space.
     */
    void addCross(ChunkPass pass, DoubleBlock kt, DoubleBlock a, DoubleBlock f) {
        int rows = pass.rows;
        int q = shape.size(m - 1);
        DoubleBlock delta = pass.deltas[m];
        double[] xl = new double[pl];
        for (int i = 0; i < rows; i++) {
            pass.inputRow(l, i, xl);
            a.copyFrom(xl, 0, i * pl, pl);
            int col = 0;
            for (int j = 0; j < dl; j++) {
                if (kt == null) {
                    double s = pass.active(l, i, j) ? 1.0 : 0.0;
                    for (int k = 0; k < dm; k++) {
                        f.set(i * crossCols + col++, s * delta.get(i * dm + k));
                    }
                } else {
                    for (int b = 0; b < q; b++) {
                        double s = kt.get((i * dl + j) * q + b);
                        for (int k = 0; k < dm; k++) {
                            f.set(i * crossCols + col++, s * delta.get(i * dm + k));
                        }
                    }
                }
            }
        }
        Blas.gemm(true, false, pl, crossCols, rows, 1.0, a.pointer, pl, f.pointer, crossCols, 1.0, cross.pointer,
                crossCols);
    }

    /** Writes this block and its transpose into the row-major P × P matrix h. */
    void scatter(DoubleBlock h) {
        int p = shape.parameterCount();
        int row = 0;
        for (int a = 0; a < pl; a++) {
            for (int b = diagonal ? a : 0; b < pm; b++) {
                int col = 0;
                for (int j = 0; j < dl; j++) {
                    for (int k = diagonal ? j : 0; k < dm; k++) {
                        double v = gauss.get(row * fCols + col++);
                        setSymmetric(h, p, shape.index(l, a, j), shape.index(m, b, k), v);
                        if (diagonal) {
                            setSymmetric(h, p, shape.index(l, a, k), shape.index(m, b, j), v);
                        }
                    }
                }
                row++;
            }
        }
        if (diagonal) {
            return;
        }
        int q = shape.size(m - 1);
        for (int a = 0; a < pl; a++) {
            int col = 0;
            for (int j = 0; j < dl; j++) {
                for (int b = m == l + 1 ? j : 0; b < (m == l + 1 ? j + 1 : q); b++) {
                    for (int k = 0; k < dm; k++) {
                        double v = cross.get(a * crossCols + col++);
                        int r = shape.index(l, a, j);
                        int c = shape.index(m, b, k);
                        h.add(r * p + c, v);
                        h.add(c * p + r, v);
                    }
                }
            }
        }
    }

    private static void setSymmetric(DoubleBlock h, int p, int r, int c, double v) {
        h.set(r * p + c, v);
        h.set(c * p + r, v);
    }

    @Override
    public void close() {
        if (gauss != null) {
            gauss.close();
        }
        if (cross != null) {
            cross.close();
        }
    }
}
