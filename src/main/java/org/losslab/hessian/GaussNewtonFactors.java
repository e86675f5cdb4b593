package org.losslab.hessian;

/**
 * Per-row factors of the dense Hessian for one chunk, after its forward and backward pass.
 *
 * <p>The Hessian of softmax cross-entropy in the logits is A = diag(p) − ppᵀ = B·Bᵀ with
 * B = diag(√p) − p·√pᵀ (Σp = 1). With J_l = ∂z_L/∂z_l, the Gauss–Newton part of the Hessian between
 * layers l and m is a sum over rows of (ã_{l−1} ã_{m−1}ᵀ) ⊗ (Q_l Q_mᵀ) with Q_l = J_lᵀB, where ã is a
 * layer's input with the constant 1 of the bias appended. Stored transposed per row,
 * {@code qt[l][(i·C + c)·d_l + j] = (BᵀJ_l)[c, j]}, so that Qᵗ_l = (Qᵗ_{l+1}·Wᵗ_{l+1}) ⊙ 1[z_l > 0] is one
 * DGEMM for the whole chunk.
 *
 * <p>The remaining part comes from ∂a_q/∂z_l (q ≥ l) times the error δ_{q+1}: stored as
 * {@code kt[(i·d_l + j)·d_q + b] = ∂a_q[b]/∂z_l[j]} for row i, again one DGEMM per layer.
 */
final class GaussNewtonFactors implements AutoCloseable {

    private final ChunkPass pass;
    private final MlpShape shape;
    final DoubleBlock[] qt;
    private final DoubleBlock kA;
    private final DoubleBlock kB;
    private final int classes;

    GaussNewtonFactors(ChunkPass pass) {
        this.pass = pass;
        this.shape = pass.shape;
        this.classes = shape.outputs();
        int layers = shape.layers();
        this.qt = new DoubleBlock[layers + 1];
        for (int l = 1; l <= layers; l++) {
            qt[l] = new DoubleBlock((long) pass.capacity * classes * shape.size(l));
        }
        long most = jacobianDoubles(shape, pass.capacity);
        this.kA = new DoubleBlock(most);
        this.kB = new DoubleBlock(most);
    }

    /** Doubles of each of the two Jacobian work blocks (1 when there is no layer pair two apart). */
    static long jacobianDoubles(MlpShape shape, int rows) {
        long most = 1;
        for (int l = 1; l < shape.layers() - 1; l++) {
            most = Math.max(most, (long) rows * shape.size(l) * shape.maxWidth());
        }
        return most;
    }

    /** Doubles of all blocks this class allocates for chunks of {@code rows}. */
    static long doubles(MlpShape shape, int rows) {
        long q = 0;
        for (int l = 1; l <= shape.layers(); l++) {
            q += (long) rows * shape.outputs() * shape.size(l);
        }
        return q + 2 * jacobianDoubles(shape, rows);
    }

    /** Qᵗ_l of every layer for the chunk's rows. */
    void computeQ(DoubleBlock theta) {
        int layers = shape.layers();
        int rows = pass.rows;
        DoubleBlock top = qt[layers];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < classes; c++) {
                double sc = Math.sqrt(pass.probs.get(i * classes + c));
                int o = (i * classes + c) * classes;
                for (int k = 0; k < classes; k++) {
                    top.set(o + k, (c == k ? sc : 0.0) - sc * pass.probs.get(i * classes + k));
                }
            }
        }
        for (int l = layers - 1; l >= 1; l--) {
            int d = shape.size(l);
            int dNext = shape.size(l + 1);
            Blas.gemm(false, false, rows * classes, d, dNext, 1.0, qt[l + 1].pointer, dNext,
                    theta.at(shape.offset(l + 1)), d, 0.0, qt[l].pointer, d);
            DoubleBlock q = qt[l];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    if (!pass.active(l, i, j)) {
                        for (int c = 0; c < classes; c++) {
                            q.set((i * classes + c) * d + j, 0.0);
                        }
                    }
                }
            }
        }
    }

    /**
     * ∂a_q/∂z_l for q = l + 1 … top (top ≤ L − 1), one layer after another: calls {@code sink} with each
     * q and the block {@code kt} laid out as in the class comment. The diagonal case q = l is not built.
     */
    void forEachJacobian(DoubleBlock theta, int l, int top, java.util.function.ObjIntConsumer<DoubleBlock> sink) {
        int rows = pass.rows;
        int dl = shape.size(l);
        DoubleBlock cur = kA;
        DoubleBlock next = kB;
        for (int q = l + 1; q <= top; q++) {
            int dq = shape.size(q);
            int dPrev = shape.size(q - 1);
            if (q == l + 1) {
                int wt = shape.offset(q);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < dl; j++) {
                        boolean on = pass.active(l, i, j);
                        int o = (i * dl + j) * dq;
                        for (int b = 0; b < dq; b++) {
                            cur.set(o + b, on ? theta.get(wt + b * dl + j) : 0.0);
                        }
                    }
                }
            } else {
                Blas.gemm(false, true, rows * dl, dq, dPrev, 1.0, next.pointer, dPrev, theta.at(shape.offset(q)), dPrev,
                        0.0, cur.pointer, dq);
            }
            for (int i = 0; i < rows; i++) {
                for (int b = 0; b < dq; b++) {
                    if (!pass.active(q, i, b)) {
                        for (int j = 0; j < dl; j++) {
                            cur.set((i * dl + j) * dq + b, 0.0);
                        }
                    }
                }
            }
            sink.accept(cur, q);
            DoubleBlock t = cur;
            cur = next;
            next = t;
        }
    }

    @Override
    public void close() {
        for (DoubleBlock b : qt) {
            if (b != null) {
                b.close();
            }
        }
        kA.close();
        kB.close();
    }
}
