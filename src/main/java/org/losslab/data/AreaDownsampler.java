package org.losslab.data;

/**
 * Shrinks images by area averaging (science.md §A.5.2: MNIST at 10x10 for the Choromanska
 * experiment): output pixel (i, j) is the mean of the input over the box it covers, each input
 * pixel weighted by the fraction of its area inside the box. For 28 -> 10 a box is 2.8 x 2.8 input
 * pixels. Values are scaled by 1/255, so they lie in [0, 1].
 *
 * <p>The weights are exact integers: measured in units of 1/out of an input pixel, output box i
 * spans {@code [i*in, (i+1)*in)} and input pixel r spans {@code [r*out, (r+1)*out)}. Each output is
 * an exact integer sum divided once by {@code inRows*inCols*255}, so results do not depend on
 * summation order and are the same on every machine.
 */
public final class AreaDownsampler {

    private final int inRows;
    private final int inCols;
    private final int outRows;
    private final int outCols;
    private final Axis rowAxis;
    private final Axis colAxis;
    private final double denominator;

    /** @throws IllegalArgumentException unless {@code 1 <= out <= in} in both directions */
    public AreaDownsampler(int inRows, int inCols, int outRows, int outCols) {
        if (outRows < 1 || outCols < 1 || outRows > inRows || outCols > inCols) {
            throw new IllegalArgumentException("cannot area-downsample " + inRows + "x" + inCols + " to "
                + outRows + "x" + outCols + ": need 1 <= out <= in");
        }
        this.inRows = inRows;
        this.inCols = inCols;
        this.outRows = outRows;
        this.outCols = outCols;
        this.rowAxis = new Axis(inRows, outRows);
        this.colAxis = new Axis(inCols, outCols);
        this.denominator = (double) inRows * inCols * 255.0;
    }

    /** 28x28 -> 10x10, the Choromanska et al. input. */
    public static AreaDownsampler mnistTo10x10() {
        return new AreaDownsampler(28, 28, 10, 10);
    }

    public int outRows() {
        return outRows;
    }

    public int outCols() {
        return outCols;
    }

    /**
     * Downsamples one image of unsigned bytes at {@code src[srcOffset ..]} (row-major) into
     * {@code dst[dstOffset .. dstOffset + outRows*outCols)}.
     */
    public void downsample(byte[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int i = 0; i < outRows; i++) {
            int r0 = rowAxis.first[i];
            int[] wr = rowAxis.weights[i];
            for (int j = 0; j < outCols; j++) {
                int c0 = colAxis.first[j];
                int[] wc = colAxis.weights[j];
                long sum = 0;
                for (int a = 0; a < wr.length; a++) {
                    int base = srcOffset + (r0 + a) * inCols + c0;
                    long rowSum = 0;
                    for (int b = 0; b < wc.length; b++) {
                        rowSum += (long) wc[b] * (src[base + b] & 0xFF);
                    }
                    sum += wr[a] * rowSum;
                }
                dst[dstOffset + i * outCols + j] = (float) (sum / denominator);
            }
        }
    }

    /** All images of {@code set} as an {@code count x (outRows*outCols)} row-major matrix. */
    public float[] downsample(LabeledImages set) {
        if (set.rows() != inRows || set.cols() != inCols) {
            throw new IllegalArgumentException("downsampler expects " + inRows + "x" + inCols
                + " images but the set has " + set.rows() + "x" + set.cols());
        }
        int d = outRows * outCols;
        int in = inRows * inCols;
        float[] out = new float[Math.multiplyExact(set.count(), d)];
        byte[] pixels = set.pixelsView();
        for (int n = 0; n < set.count(); n++) {
            downsample(pixels, n * in, out, n * d);
        }
        return out;
    }

    /** Overlap weights along one axis: output k covers inputs first[k] .. first[k]+weights[k].length-1. */
    private static final class Axis {
        final int[] first;
        final int[][] weights;

        Axis(int in, int out) {
            first = new int[out];
            weights = new int[out][];
            for (int k = 0; k < out; k++) {
                long lo = (long) k * in;          // box start, in units of 1/out input pixel
                long hi = (long) (k + 1) * in;    // box end
                int rFirst = (int) (lo / out);
                int rLast = (int) ((hi - 1) / out);
                first[k] = rFirst;
                weights[k] = new int[rLast - rFirst + 1];
                for (int r = rFirst; r <= rLast; r++) {
                    long overlap = Math.min(hi, (long) (r + 1) * out) - Math.max(lo, (long) r * out);
                    weights[k][r - rFirst] = (int) overlap;
                }
            }
        }
    }
}
