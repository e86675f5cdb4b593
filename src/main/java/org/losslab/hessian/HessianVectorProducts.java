package org.losslab.hessian;

/**
 * Exact products H·v of the training-loss Hessian with vectors, by Pearlmutter's R-operator
 * (forward-over-reverse differentiation): the directional derivative R{·} = d/dt|₀ (·)(θ + t·v) is
 * pushed forward through the network alongside the activations and back through the
 * back-propagation, so the result is the derivative of the exact gradient, not a finite difference.
 * ReLU has zero second derivative away from its kink, so R{1[z > 0]} = 0. Every product over the rows
 * is a DGEMM over chunks of rows; a block of vectors shares one forward and backward pass per chunk.
 */
public final class HessianVectorProducts implements SymmetricOperator, AutoCloseable {

    private final MlpShape shape;
    private final TrainingSet data;
    private final DoubleBlock theta;
    private final ChunkPass pass;
    /** R{z_l}, for hidden layers turned into R{a_l} in place. */
    private final DoubleBlock[] rz;
    private final DoubleBlock[] rdelta;
    private DoubleBlock[] vs = new DoubleBlock[0];
    private DoubleBlock[] outs = new DoubleBlock[0];
    private long products;

    public HessianVectorProducts(MlpShape shape, double[] parameters, TrainingSet data) {
        this(shape, parameters, data, MlpLoss.CHUNK_ROWS);
    }

    HessianVectorProducts(MlpShape shape, double[] parameters, TrainingSet data, int chunkRows) {
        MlpLoss.checkLength(shape, parameters);
        this.shape = shape;
        this.data = data;
        this.theta = DoubleBlock.of(parameters);
        int capacity = Math.min(chunkRows, data.rows());
        this.pass = new ChunkPass(shape, data, capacity);
        int layers = shape.layers();
        this.rz = new DoubleBlock[layers + 1];
        this.rdelta = new DoubleBlock[layers + 1];
        for (int l = 1; l <= layers; l++) {
            rz[l] = new DoubleBlock((long) capacity * shape.size(l));
            rdelta[l] = new DoubleBlock((long) capacity * shape.size(l));
        }
    }

    /** Products computed so far. */
    public long productCount() {
        return products;
    }

    @Override
    public int dimension() {
        return shape.parameterCount();
    }

    @Override
    public void apply(double[][] vectors, double[][] out) {
        int m = vectors.length;
        products += m;
        ensureBlocks(m);
        for (int k = 0; k < m; k++) {
            MlpLoss.checkLength(shape, vectors[k]);
            vs[k].copyFrom(vectors[k], 0, 0, vectors[k].length);
            outs[k].zero();
        }
        int n = data.rows();
        for (int start = 0; start < n; start += pass.capacity) {
            pass.forward(theta, start, Math.min(pass.capacity, n - start));
            pass.backward(theta);
            for (int k = 0; k < m; k++) {
                forwardR(vs[k]);
                backwardR(vs[k], outs[k]);
            }
        }
        for (int k = 0; k < m; k++) {
            outs[k].copyTo(0, out[k], 0, out[k].length);
        }
    }

    /** R{z_l} = R{a_{l−1}}·Wᵗᵀ + a_{l−1}·Vᵗᵀ + v_b, R{a_l} = R{z_l} ⊙ 1[z_l > 0], then R{δ_L}. */
    private void forwardR(DoubleBlock v) {
        int layers = shape.layers();
        int rows = pass.rows;
        for (int l = 1; l <= layers; l++) {
            int dIn = shape.size(l - 1);
            int dOut = shape.size(l);
            pass.affine(v, l, pass.input(l), rz[l]);
            if (l > 1) {
                Blas.gemm(false, true, rows, dOut, dIn, 1.0, rz[l - 1].pointer, dIn, theta.at(shape.offset(l)), dIn,
                        1.0, rz[l].pointer, dOut);
            }
            if (l < layers) {
                pass.mask(rz[l], l);
            }
        }
        softmaxR(rows);
    }

    /** R{δ_L} = (p ⊙ R{z_L} − p·(pᵀR{z_L}))/n: the softmax cross-entropy Hessian times R{z_L}. */
    private void softmaxR(int rows) {
        int c = shape.outputs();
        int layers = shape.layers();
        double scale = 1.0 / data.rows();
        DoubleBlock z = rz[layers];
        DoubleBlock out = rdelta[layers];
        for (int i = 0; i < rows; i++) {
            int o = i * c;
            double dot = 0;
            for (int k = 0; k < c; k++) {
                dot += pass.probs.get(o + k) * z.get(o + k);
            }
            for (int k = 0; k < c; k++) {
                out.set(o + k, pass.probs.get(o + k) * (z.get(o + k) - dot) * scale);
            }
        }
    }

    /**
     * H·v for layer l: R{δ_l}ᵀ·a_{l−1} + δ_lᵀ·R{a_{l−1}} (weights), Σ R{δ_l} (biases), with
     * R{δ_{l−1}} = (R{δ_l}·Wᵗ_l + δ_l·Vᵗ_l) ⊙ 1[z_{l−1} > 0].
     */
    private void backwardR(DoubleBlock v, DoubleBlock out) {
        int rows = pass.rows;
        for (int l = shape.layers(); l >= 1; l--) {
            int dIn = shape.size(l - 1);
            int dOut = shape.size(l);
            pass.addOuter(rdelta[l], pass.input(l), l, out);
            if (l > 1) {
                Blas.gemm(true, false, dOut, dIn, rows, 1.0, pass.deltas[l].pointer, dOut, rz[l - 1].pointer, dIn,
                        1.0, out.at(shape.offset(l)), dIn);
                Blas.gemm(false, false, rows, dIn, dOut, 1.0, rdelta[l].pointer, dOut, theta.at(shape.offset(l)), dIn,
                        0.0, rdelta[l - 1].pointer, dIn);
                Blas.gemm(false, false, rows, dIn, dOut, 1.0, pass.deltas[l].pointer, dOut, v.at(shape.offset(l)), dIn,
                        1.0, rdelta[l - 1].pointer, dIn);
                pass.mask(rdelta[l - 1], l - 1);
            }
        }
    }

    private void ensureBlocks(int m) {
        if (vs.length >= m) {
            return;
        }
        DoubleBlock[] nv = java.util.Arrays.copyOf(vs, m);
        DoubleBlock[] no = java.util.Arrays.copyOf(outs, m);
        for (int k = vs.length; k < m; k++) {
            nv[k] = new DoubleBlock(dimension());
            no[k] = new DoubleBlock(dimension());
        }
        vs = nv;
        outs = no;
    }

    @Override
    public void close() {
        for (DoubleBlock b : vs) {
            b.close();
        }
        for (DoubleBlock b : outs) {
            b.close();
        }
        for (int l = 1; l < rz.length; l++) {
            rz[l].close();
            rdelta[l].close();
        }
        pass.close();
        theta.close();
    }
}
