package org.losslab.hessian;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Row-major double-precision BLAS and LAPACK calls straight into OpenBLAS, the library ND4J itself
 * links: DGEMM for every product over the data, DSYEVD (divide and conquer) for the dense Hessian's
 * eigenvalues, DSTEV for Lanczos tridiagonals. With OMP_NUM_THREADS=1 each call runs on the calling
 * thread and is deterministic.
 */
final class Blas {

    private static final int ROW_MAJOR = openblas.CblasRowMajor;

    private Blas() {
    }

    /** C[m×n] = alpha·op(A)·op(B) + beta·C, row-major with the given leading dimensions. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoublePointer a, int lda,
                     DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
        openblas.cblas_dgemm(ROW_MAJOR, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * Eigenvalues (ascending, into {@code values}) of the symmetric n × n matrix {@code a}, whose upper
     * triangle is read; with {@code vectors} the columns of {@code a} (row-major) are overwritten by the
     * orthonormal eigenvectors, otherwise {@code a} is destroyed.
     */
    static void symmetricEigen(DoublePointer a, int n, boolean vectors, DoublePointer values) {
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) (vectors ? 'V' : 'N'), (byte) 'U', n,
                a, n, values);
        if (info != 0) {
            throw new ArithmeticException("DSYEVD failed to converge (info " + info + ") on a " + n + " x " + n
                    + " matrix; it holds a non-finite value or is not symmetric");
        }
    }

    /**
     * Eigen-decomposition of the symmetric tridiagonal matrix with diagonal {@code d} and off-diagonal
     * {@code e}: returns the eigenvectors row-major (column j is the vector of eigenvalue j) and leaves
     * the ascending eigenvalues in {@code d}.
     */
    static double[] tridiagonalEigen(double[] d, double[] e) {
        int n = d.length;
        double[] z = new double[n * n];
        double[] off = new double[Math.max(1, n - 1)];
        System.arraycopy(e, 0, off, 0, n - 1);
        int info = openblas.LAPACKE_dstev(openblas.LAPACK_ROW_MAJOR, (byte) 'V', n, d, off, z, n);
        if (info != 0) {
            throw new ArithmeticException("DSTEV failed to converge (info " + info + ") on a tridiagonal of order " + n);
        }
        return z;
    }
}
