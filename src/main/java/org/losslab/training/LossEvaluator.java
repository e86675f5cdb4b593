package org.losslab.training;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.math.LogSumExp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean softmax cross-entropy and classification error of a network on a data set. The loss is
 * computed from the logits with a stable log-sum-exp, not from the softmax output, because with
 * the paper's U[−1, 1] initialization the softmax underflows and would report a finite network as
 * infinitely wrong.
 */
public final class LossEvaluator {

    private static final int CHUNK = 4096;

    private LossEvaluator() {
    }

    /** Returns {loss, error}. */
    public static double[] evaluate(MultiLayerNetwork net, float[] x, int[] y, int features) {
        int n = y.length;
        int outLayer = net.getnLayers() - 1;
        INDArray w = net.getLayer(outLayer).getParam("W");
        INDArray b = net.getLayer(outLayer).getParam("b");
        double lossSum = 0;
        long wrong = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] chunk = new float[rows * features];
            System.arraycopy(x, start * features, chunk, 0, chunk.length);
            INDArray input = Nd4j.create(chunk, new long[] {rows, features}, 'c');
            List<INDArray> acts = net.feedForward(input, false);
            INDArray hidden = acts.get(acts.size() - 2);
            float[][] logits = hidden.mmul(w).addiRowVector(b).toFloatMatrix();
            for (int i = 0; i < rows; i++) {
                lossSum += crossEntropy(logits[i], y[start + i]);
                if (argmax(logits[i]) != y[start + i]) {
                    wrong++;
                }
            }
        }
        return new double[] {lossSum / n, (double) wrong / n};
    }

    static double crossEntropy(float[] logits, int label) {
        return LogSumExp.of(logits) - logits[label];
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
