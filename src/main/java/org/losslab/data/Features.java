package org.losslab.data;

/**
 * Plain-array inputs and targets for the trainer, which builds its own INDArrays
 * ({@code Nd4j.create(m.data(), new long[]{m.rows(), m.cols()})}): nothing here depends on ND4J.
 * Pixels become {@code value/255} in [0, 1], the scaling the 10x10 experiment (§A.5.2) and the
 * 28x28 region statistics (§C.4) both use.
 */
public final class Features {

    private Features() {
    }

    /** A row-major {@code rows x cols} float matrix: {@code data[r*cols + c]}. */
    public record Matrix(int rows, int cols, float[] data) {
        public Matrix {
            if ((long) rows * cols != data.length) {
                throw new IllegalArgumentException(rows + "x" + cols + " matrix with " + data.length + " values");
            }
        }

        public float get(int r, int c) {
            return data[r * cols + c];
        }
    }

    /** Full-resolution pixels, {@code count x (rows*cols)}, each {@code value/255}. */
    public static Matrix pixels(LabeledImages set) {
        int d = set.pixelsPerImage();
        byte[] src = set.pixelsView();
        float[] out = new float[src.length];
        for (int k = 0; k < src.length; k++) {
            out[k] = (src[k] & 0xFF) / 255f;
        }
        return new Matrix(set.count(), d, out);
    }

    /** Area-averaged pixels at {@code outRows x outCols}, {@code count x (outRows*outCols)}, in [0, 1]. */
    public static Matrix downsampled(LabeledImages set, int outRows, int outCols) {
        AreaDownsampler ds = new AreaDownsampler(set.rows(), set.cols(), outRows, outCols);
        return new Matrix(set.count(), outRows * outCols, ds.downsample(set));
    }

    /** One-hot targets, {@code count x 10}: row i has 1 in column {@code label(i)}. */
    public static Matrix oneHot(LabeledImages set) {
        int n = set.count();
        float[] out = new float[n * LabeledImages.CLASSES];
        byte[] labels = set.labelsView();
        for (int i = 0; i < n; i++) {
            out[i * LabeledImages.CLASSES + labels[i]] = 1f;
        }
        return new Matrix(n, LabeledImages.CLASSES, out);
    }

    /** Labels as ints 0-9. */
    public static int[] labels(LabeledImages set) {
        byte[] labels = set.labelsView();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }
}
