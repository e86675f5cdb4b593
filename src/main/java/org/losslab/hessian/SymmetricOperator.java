package org.losslab.hessian;

/**
 * A real symmetric linear map known only through its products, such as a Hessian through
 * Hessian-vector products: what Lanczos and stochastic Lanczos quadrature need. Products come in
 * blocks because one pass over the data can serve several vectors.
 */
public interface SymmetricOperator {

    int dimension();

    /** {@code out[k] = A·vectors[k]} for every k; {@code out[k]} is overwritten. */
    void apply(double[][] vectors, double[][] out);

    /** A·v as a fresh array. */
    default double[] apply(double[] v) {
        double[][] out = {new double[v.length]};
        apply(new double[][] {v}, out);
        return out[0];
    }
}
