package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checksums of the known MNIST files: the committed data verify, a copy with one byte changed is
 * refused in one line naming the file, synthetic sets that borrow the names are not checked, and
 * {@code verify = false} reads a changed copy unverified.
 */
class KnownMnistFilesTest {

    @TempDir
    Path tmp;

    @Test
    void theStandardSplitVerifiesAsMnist() {
        MnistData data = MnistSource.load(Path.of("data/mnist"));
        assertThat(data.train().count()).isEqualTo(60000);
        assertThat(data.test().count()).isEqualTo(10000);
        assertThat(data.files().splitKind()).isEqualTo("standard-60000/10000");
        assertThat(data.files().verifiedAs()).isEqualTo("mnist");
        assertThat(data.files().fileSha256()).containsEntry("t10k-images-idx3-ubyte",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7").hasSize(4);
        assertThat(data.files().sha256sumLines()).contains(
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte\n");
    }

    @Test
    void theBundledTenThousandVerifyAsHoldoutFromTrain() {
        MnistData data = MnistSource.load(Path.of("data/mnist-10k"));
        assertThat(data.files().splitKind()).isEqualTo("holdout-from-train");
        assertThat(data.files().verifiedAs()).isEqualTo("mnist-10k");
        assertThat(data.files().fileSha256()).containsOnlyKeys("images-idx3-ubyte", "labels-idx1-ubyte");
    }

    @Test
    void aCopyWithOneByteChangedIsRefusedInOneLine() throws IOException {
        Path dir = changedCopy();
        assertThatThrownBy(() -> MnistSource.load(dir))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(dir.resolve("images-idx3-ubyte") + ": checksum mismatch: expected SHA-256 "
                        + "83c87a3af81c7cd98a4cf74a298f85d1adcee18917a52e62d69a0b5d1ddc4abc of mnist-10k images-idx3-ubyte, actual ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void withoutVerificationAChangedCopyIsReadAndRecordedUnverified() throws IOException {
        MnistData data = MnistSource.load(changedCopy(), MnistSource.DEFAULT_HOLDOUT, false);
        assertThat(data.files().verifiedAs()).isNull();
        assertThat(data.files().splitKind()).isEqualTo("holdout-from-file");
        assertThat(data.files().fileSha256().get("images-idx3-ubyte"))
                .isNotEqualTo("83c87a3af81c7cd98a4cf74a298f85d1adcee18917a52e62d69a0b5d1ddc4abc");
    }

    @Test
    void aSyntheticSetWithMnistNamesButAnotherShapeIsNotChecked() throws IOException {
        IdxFixtures.writeTrainTest(tmp, 30, 12, 5, true, 3L);
        MnistData data = MnistSource.load(tmp);
        assertThat(data.files().splitKind()).isEqualTo("train-test-files");
        assertThat(data.files().verifiedAs()).isNull();
    }

    @Test
    void theDigestIsThatOfTheUncompressedFile() {
        LabeledImages set = new LabeledImages(1, 1, 2, new byte[] {0, (byte) 255}, new byte[] {7});
        // sha256 of 00 00 08 03 | 00 00 00 01 | 00 00 00 01 | 00 00 00 02 | 00 ff, by sha256sum
        assertThat(KnownMnistFiles.imagesSha256(set))
                .isEqualTo("df343c2bacf9efbee6474ae05bddae132bc093e1aa42064a976dc18bfdeb776f");
        assertThat(KnownMnistFiles.lookup(Path.of("x/t10k-labels-idx1-ubyte.gz"), 10000, 0, 0).set()).isEqualTo("mnist");
        assertThat(KnownMnistFiles.lookup(Path.of("x/t10k-labels-idx1-ubyte.gz"), 9999, 0, 0)).isNull();
    }

    /** data/mnist-10k with one pixel byte of the first image changed, written uncompressed. */
    private Path changedCopy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("changed"));
        byte[] images = IdxFixtures.gunzip(Files.readAllBytes(Path.of("data/mnist-10k/images-idx3-ubyte.gz")));
        images[16 + 400] ^= 1;
        Files.write(dir.resolve("images-idx3-ubyte"), images);
        Files.copy(Path.of("data/mnist-10k/labels-idx1-ubyte.gz"), dir.resolve("labels-idx1-ubyte.gz"));
        return dir;
    }
}
