package org.losslab.training.batched;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major SGEMM and SGEMV straight into OpenBLAS, the library ND4J's own BLAS wrapper
 * ({@code CpuLevel3}) calls: operands are ND4J-allocated FLOAT buffers addressed by element offset,
 * so sub-blocks of one large buffer (one network's columns) need no view objects, and a call costs
 * about a microsecond instead of the tens of microseconds of an {@code Nd4j.gemm} op dispatch.
 */
final class Sgemm {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Sgemm() {
    }

    /** A pointer to element {@code offset} of a FLOAT array's buffer (the array must stay reachable). */
    static FloatPointer at(INDArray array, long offset) {
        FloatPointer base = (FloatPointer) array.data().addressPointer();
        return new FloatPointer(base).position(base.position() + array.offset() + offset);
    }

    /** A pointer {@code offset} elements past {@code base} (a new pointer: {@code base} is left as it is). */
    static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    /**
     * {@code slot} (a copy of {@code base}, made once) moved to {@code offset} elements past {@code base}: as
     * {@link #at(FloatPointer, long)} without allocating a pointer, which costs about 0.3 µs a call once the
     * pointer reaches native code (measured: 1.1 against 1.4 µs for a 100×10×25 product).
     */
    static FloatPointer move(FloatPointer slot, FloatPointer base, long offset) {
        return slot.position(base.position() + offset);
    }

    /** C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with the given leading dimensions. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                     FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** y[m] = alpha·A·x + beta·y for row-major A[m×n]: row sums when x is all ones. */
    static void gemv(int m, int n, float alpha, FloatPointer a, int lda, FloatPointer x, float beta, FloatPointer y) {
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, NO_TRANS, m, n, alpha, a, lda, x, 1, beta, y, 1);
    }

    /** A[m×n] += alpha·x·yᵀ, row-major: a bias x added to every column when y is all ones. */
    static void ger(int m, int n, float alpha, FloatPointer x, FloatPointer y, FloatPointer a, int lda) {
        openblas_nolapack.cblas_sger(ROW_MAJOR, m, n, alpha, x, 1, y, 1, a, lda);
    }

    /** y[n] = alpha·A^T·x + beta·y for row-major A[m×n]: column sums when x is all ones. */
    static void gemvTransposed(int m, int n, float alpha, FloatPointer a, int lda, FloatPointer x, float beta,
                               FloatPointer y) {
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, m, n, alpha, a, lda, x, 1, beta, y, 1);
    }
}
