package org.losslab.training.batched;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = alpha·op(A)·op(B) + beta·C} as ND4J's {@code matmul} op, which every backend implements
 * (OpenBLAS on nd4j-native, cuBLAS on nd4j-cuda). Unlike {@code Nd4j.gemm}, which refuses a view as
 * C, the op writes into views, so each network's column block of a block-wide buffer is updated in
 * place. ND4J 1.0.0-M2.1 mishandles views of views (a row interval of a view loses its shape, a dup
 * of one has no data), so every view the ND4J path uses is taken from a base array.
 */
final class Nd4jGemm {

    private Nd4jGemm() {
    }

    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        Nd4j.exec(new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(transA).transposeB(transB)
                .build()));
    }
}
