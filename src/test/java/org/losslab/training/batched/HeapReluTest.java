package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link HeapRelu} has the bits of the ND4J ops it replaced (but for ReLU(−0) = +0, where ND4J keeps −0) and
 * touches only its chunk's first r rows.
 */
class HeapReluTest {

    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f,
        -1e-30f, 3f, -3f, Float.MAX_VALUE, -Float.MAX_VALUE};

    @Test
    void forwardAndBackwardMatchNd4jOnEveryChunk() {
        // 5 networks of width 7 in chunks of 2 (14 columns): chunks of 2, 2 and 1 networks
        BlockShape shape = BlockShape.of(BatchedFixtures.spec(2, "shared", 50, 0.1, 1.0), 100, 7, 5, 14);
        assertThat(shape.chunks()).isEqualTo(3);
        BlockBuffers b = new BlockBuffers(shape);
        try {
            Random rnd = new Random(7);
            fill(b.acts[0], rnd);
            fill(b.grad, rnd);
            INDArray acts = b.acts[0].dup();
            INDArray grad = b.grad.dup();
            HeapRelu relu = new HeapRelu(b);
            int r = 30;
            for (int c = 0; c < shape.chunks(); c++) {
                relu.forward(0, c, r);
                BlockBuffers.Views v = b.views(r, c);
                INDArray expected = view(acts, shape, r, c);
                Nd4j.exec(new RectifiedLinear(expected, expected, 0.0));
                expected.addi(0f); // −0 + 0 = +0: Math.max(−0, 0) is +0
                assertBits(v.acts()[0], expected);
                relu.backward(0, c, r);
                Nd4j.exec(new Step(expected, expected, 0.0));
                Nd4j.exec(new MulOp(expected, view(grad, shape, r, c), expected));
                assertBits(v.acts()[0], expected);
            }
            float[] all = b.acts[0].data().asFloat();
            float[] before = acts.data().asFloat();
            for (int c = 0; c < shape.chunks(); c++) {
                int cols = shape.chunkSize(c) * shape.width();
                long end = shape.chunkOffset(c) + (long) shape.evalRows() * cols;
                for (long i = shape.chunkOffset(c) + (long) r * cols; i < end; i++) {
                    assertThat(all[(int) i]).as("row beyond r, element %d", i).isEqualTo(before[(int) i]);
                }
            }
        } finally {
            b.close();
        }
    }

    private static INDArray view(INDArray a, BlockShape s, int r, int c) {
        long cols = (long) s.chunkSize(c) * s.width();
        return Nd4j.create(a.data(), new long[] {r, cols}, new long[] {cols, 1}, s.chunkOffset(c), 1, 'c');
    }

    private static void fill(INDArray a, Random rnd) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 5 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextGaussian();
        }
        a.assign(Nd4j.createFromArray(v).reshape(a.shape()));
    }

    private static void assertBits(INDArray actual, INDArray expected) {
        float[] x = actual.dup().data().asFloat();
        float[] y = expected.dup().data().asFloat();
        assertThat(x.length).isEqualTo(y.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(x[i])).as("element %d: %s vs %s", i, x[i], y[i])
                    .isEqualTo(Float.floatToRawIntBits(y[i]));
        }
    }

    @Test
    void blocksWhoseBuffersNioCannotAddressAreRefusedBeforeAllocating() {
        // 2^29 floats (2 GiB) is the most a buffer may hold: 4,800 networks of width 1000 need 538 M floats in an
        // activation buffer (100 rows padded to 112), 4,700 need 526 M
        org.losslab.spec.TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockShape.of(spec, 100, 1000, 4800, 12_500, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed 2 GiB per buffer");
        assertThat(BlockShape.of(spec, 100, 1000, 4700, 12_500, 100).k()).isEqualTo(4700);
    }
}
