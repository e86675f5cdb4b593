package org.losslab.spec;

/**
 * The {@code data:} section: where MNIST comes from and how it is prepared.
 *
 * @param dir       directory with IDX files (full MNIST layout or the 10k images/labels pair)
 * @param holdout   test images taken from the end of the file when the directory has no t10k files
 * @param downsample side of the square input after area averaging (10 for Choromanska §A.5.2; 28 = none)
 * @param verifyChecksums whether files of MNIST's names and shapes must have MNIST's SHA-256
 *     ({@code KnownMnistFiles}); false reads another data set of the same names (Fashion-MNIST) unverified
 */
public record DataSpec(String dir, int holdout, int downsample, boolean verifyChecksums) {

    static DataSpec read(SpecTree t) {
        return new DataSpec(
                t.string("data.dir", "data/mnist-10k"),
                (int) t.integer("data.holdout", 2000L, 1, 1_000_000),
                (int) t.integer("data.downsample", 10L, 2, 28),
                t.bool("data.verify_checksums", true));
    }

    public int inputSize() {
        return downsample * downsample;
    }
}
