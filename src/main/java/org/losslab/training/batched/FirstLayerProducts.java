package org.losslab.training.batched;

import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.losslab.spec.TrainingSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first-layer products of one training step of a block (shared input, one hidden layer), called as the
 * batched trainer calls them: per chunk of 2,500 columns in the row-major layout ({@link ForwardPass},
 * {@link SgdStep}), per group of networks in the feature-major one ({@link FusedForwardPass}, {@link FusedSgdStep}),
 * with the same operands, transpositions and leading dimensions, on buffers of the trainer's sizes. What SGEMM can
 * do at the trainer's own calls, for {@code bench training}'s ceiling ({@code sweep_hours_mnist_full_sgemm_bound}):
 * the chunks changed the shapes (docs/performance.md, lever 17), and one product over the whole block is slower.
 */
public final class FirstLayerProducts implements AutoCloseable {

    final BlockShape shape;
    private final int r;
    private final int group;
    private final float alpha;
    final INDArray x;
    final INDArray w1;
    final INDArray acts;
    private final FloatPointer pX;
    private final FloatPointer pW1;
    private final FloatPointer pActs;

    /** Buffers for a block of {@code k} networks 100-width-10 (random values) and steps of {@code rows} examples. */
    public FirstLayerProducts(int features, int width, int k, int rows) {
        this(features, width, k, rows, -1e-9f);
    }

    /** ... with the gradient's scale {@code alpha} (a tiny one keeps W1 and the activations finite step after step). */
    FirstLayerProducts(int features, int width, int k, int rows, float alpha) {
        this.alpha = alpha;
        TrainingSpec spec = new TrainingSpec(List.of(width), 1, "relu", k, 1, rows, 0.1, 1.0, "uniform", 1.0, "shared", k);
        this.shape = BlockShape.of(spec, features, width, k);
        this.r = rows;
        this.group = shape.fusedOutput() ? FusedForwardPass.group(shape, rows) : shape.chunkNetworks();
        int lead = BlockShape.lead(shape.evalRows());
        this.x = Nd4j.rand(DataType.FLOAT, rows, shape.f1());
        this.w1 = Nd4j.rand(DataType.FLOAT, shape.f1(), shape.kn()).subi(0.5);
        this.acts = shape.fusedOutput() ? Nd4j.rand(DataType.FLOAT, shape.chunkColumns(), lead)
                : Nd4j.rand(DataType.FLOAT, lead, shape.chunkColumns());
        this.pX = Sgemm.at(x, 0);
        this.pW1 = Sgemm.at(w1, 0);
        this.pActs = Sgemm.at(acts, 0);
    }

    /** Floating-point operations of one step's forward products (and as many of its weight gradients'). */
    public double flopsPerStep() {
        return 2.0 * r * shape.f1() * shape.kn();
    }

    /** {@code Z = X·W1} (row-major) or {@code Zᵀ = W1ᵀ·Xᵀ} (feature-major) for every chunk or group of the block. */
    public void forward() {
        int ld = BlockShape.lead(r);
        eachCall((c, first, cols, w) -> {
            if (shape.fusedOutput()) {
                Sgemm.gemm(true, true, cols, r, shape.f1(), 1f, w, shape.kn(), pX, shape.f1(), 0f,
                        Sgemm.at(pActs, shape.networkOffset(first, r)), ld);
            } else {
                Sgemm.gemm(false, false, r, cols, shape.f1(), 1f, pX, shape.f1(), w, shape.kn(), 0f,
                        Sgemm.at(pActs, shape.chunkOffset(c)), cols);
            }
        });
    }

    /** {@code W1 += α·Xᵀ·dZ} for every chunk or group, with the activations as dZ. */
    public void gradient() {
        int ld = BlockShape.lead(r);
        eachCall((c, first, cols, w) -> {
            if (shape.fusedOutput()) {
                Sgemm.gemm(true, true, shape.f1(), cols, r, alpha, pX, shape.f1(),
                        Sgemm.at(pActs, shape.networkOffset(first, r)), ld, 1f, w, shape.kn());
            } else {
                Sgemm.gemm(true, false, shape.f1(), cols, r, alpha, pX, shape.f1(), Sgemm.at(pActs, shape.chunkOffset(c)),
                        cols, 1f, w, shape.kn());
            }
        });
    }

    /** One product call on networks {@code [first, first + cols/width)} of chunk c, whose W1 columns start at w. */
    private interface Call {
        void run(int c, int first, int cols, FloatPointer w);
    }

    /** The calls of a step in the trainer's order: chunk by chunk, and within a feature-major chunk group by group. */
    private void eachCall(Call call) {
        for (int c = 0; c < shape.chunks(); c++) {
            int end = shape.chunkFirst(c) + shape.chunkSize(c);
            for (int first = shape.chunkFirst(c); first < end; first += group) {
                call.run(c, first, Math.min(group, end - first) * shape.width(), Sgemm.at(pW1, (long) first * shape.width()));
            }
        }
    }

    /** Columns of one product: a row-major chunk's or a feature-major group's (a group never exceeds its chunk). */
    public int columnsPerCall() {
        return group * shape.width();
    }

    @Override
    public void close() {
        x.close();
        w1.close();
        acts.close();
    }
}
