package org.losslab.training.batched;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Micro-benchmark of {@link OutputLayer}'s kernels (docs/performance.md, lever 15): wall ns per network-example of
 * the fused evaluation ({@code score}) and training step ({@code train}) for 250 networks of width n1 and r rows,
 * the last two of {@code -Dreps} repetitions (default 8). The vector kernels, or the scalar reference with a third argument. Not a test.
 * <pre>OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat cp.txt)
 *     org.losslab.training.batched.OutputLayerBench n1 r [scalar]</pre>
 */
public final class OutputLayerBench {

    private static final int NETS = 250;
    private static final int C = BatchedMemory.CLASSES;

    private OutputLayerBench() {
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int r = Integer.parseInt(a[1]);
        int ld = BlockShape.lead(r);
        Random rnd = new Random(1);
        ByteBuffer acts = gaussian(rnd, NETS * n * ld);
        float[] w = new float[C * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        float[] b = new float[C * NETS];
        float[] labels = new float[ld];
        for (int i = 0; i < r; i++) {
            labels[i] = rnd.nextInt(C);
        }
        long[] wrong = new long[1];
        OutputLayer k = a.length > 2 ? new ScalarOutputLayer(acts, n, r) : new VectorOutputLayer(acts, n, r);
        int reps = Integer.getInteger("reps", 8);
        double per = 20.0 * NETS * r;
        for (int rep = 0; rep < reps; rep++) {
            double s = 0;
            long t0 = System.nanoTime();
            for (int it = 0; it < 20; it++) {
                for (int i = 0; i < NETS; i++) {
                    s += k.score(i * n * ld, r, w, b, 0, labels, wrong, 0);
                }
            }
            long t1 = System.nanoTime();
            for (int it = 0; it < 20; it++) {
                for (int i = 0; i < NETS; i++) {
                    k.train(i * n * ld, r, w, b, 0, labels, -1e-9f, 1e-7f);
                }
            }
            long t2 = System.nanoTime();
            if (rep >= reps - 2) {
                System.out.printf("%s n1=%d r=%d: score %.1f, train %.1f ns per network-example (%s)%n",
                        k.getClass().getSimpleName(), n, r, (t1 - t0) / per, (t2 - t1) / per, s);
            }
        }
    }

    private static ByteBuffer gaussian(Random rnd, int floats) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
        for (int i = 0; i < floats; i++) {
            buf.putFloat(4 * i, (float) rnd.nextGaussian());
        }
        return buf;
    }
}
