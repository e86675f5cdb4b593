package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's first-layer products address the trainer's buffers as the trainer does: after
 * {@link FirstLayerProducts#forward()} every chunk's (row-major) or network's (feature-major) activations hold
 * {@code X·W1}, and {@link FirstLayerProducts#gradient()} adds {@code α·Xᵀ·dZ} to every column of W1.
 */
class FirstLayerProductsTest {

    @Test
    void rowMajorChunksHoldTheProductOfEveryNetwork() {
        // n1 = 100, 30 networks: chunks of 25 networks (2,500 columns) and 5
        check(100, 30, 64);
    }

    @Test
    void featureMajorGroupsHoldTheProductOfEveryNetwork() {
        // n1 = 25: feature-major, groups of networks within 1 MiB of activations (a second, partial group)
        check(25, 120, 100);
    }

    private static void check(int width, int k, int rows) {
        try (FirstLayerProducts p = new FirstLayerProducts(100, width, k, rows, 0.01f)) {
            BlockShape s = shape(p);
            float[] x = p.x.data().asFloat();
            float[] w1 = p.w1.data().asFloat();
            p.forward();
            float[] acts = p.acts.data().asFloat();
            int ld = BlockShape.lead(rows);
            int kn = s.kn();
            // all chunks share one region (BlockShape#chunkOffset): the last chunk's products are the ones left
            int last = s.chunkFirst(s.chunks() - 1);
            for (int net : java.util.stream.IntStream.of(0, 92, 93, last, k - 1).filter(n -> n >= last && n < k)
                    .toArray()) {
                for (int u : new int[] {0, width - 1}) {
                    for (int i : new int[] {0, rows - 1}) {
                        int col = net * width + u;
                        double expected = 0;
                        for (int f = 0; f < s.f1(); f++) {
                            expected += (double) x[i * s.f1() + f] * w1[f * kn + col];
                        }
                        int c = net / s.chunkNetworks();
                        int cols = s.chunkSize(c) * width;
                        long at = s.fusedOutput() ? s.networkOffset(net, rows) + (long) u * ld + i
                                : s.chunkOffset(c) + (long) i * cols + (col - s.chunkFirst(c) * width);
                        assertThat((double) acts[(int) at]).as("network %d unit %d row %d", net, u, i)
                                .isCloseTo(expected, within(1e-3));
                    }
                }
            }
            p.gradient();
            float[] after = p.w1.data().asFloat();
            for (int col : new int[] {0, kn / 2, kn - 1}) {
                int net = col / width;
                int u = col % width;
                int c = net / s.chunkNetworks();
                int cols = s.chunkSize(c) * width;
                for (int f : new int[] {0, s.f1() - 1}) {
                    double dw = 0;
                    for (int i = 0; i < rows; i++) {
                        long at = s.fusedOutput() ? s.networkOffset(net, rows) + (long) u * ld + i
                                : s.chunkOffset(c) + (long) i * cols + (col - s.chunkFirst(c) * width);
                        dw += (double) x[i * s.f1() + f] * acts[(int) at];
                    }
                    assertThat((double) after[f * kn + col]).as("W1[%d][%d] += 0.01 X^T dZ", f, col)
                            .isCloseTo(w1[f * kn + col] + 0.01 * dw, within(1e-3 * (1 + Math.abs(0.01 * dw))));
                }
            }
        }
    }

    private static BlockShape shape(FirstLayerProducts p) {
        return p.shape;
    }
}
