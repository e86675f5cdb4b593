package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding the files of a directory: full MNIST layout, single-set layout, and what is missing. */
class MnistFilesLayoutTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void fullLayoutUsesTrainAndT10kAsTheyAre(boolean gz) {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, gz, 11);
        MnistData data = MnistSource.load(dir, 5); // holdout is ignored with separate test files
        assertThat(data.train().count()).isEqualTo(30);
        assertThat(data.test().count()).isEqualTo(12);
        assertThat(data.rows()).isEqualTo(6);
        assertThat(data.test().label(0)).isEqualTo(3);
        String s = gz ? ".gz" : "";
        assertThat(data.split()).isEqualTo("separate files; train = train-images-idx3-ubyte" + s
            + " (30), test = t10k-images-idx3-ubyte" + s + " (12)");
        assertThat(data.source()).isEqualTo(dir + ": train-images-idx3-ubyte" + s + " + train-labels-idx1-ubyte" + s
            + ", t10k-images-idx3-ubyte" + s + " + t10k-labels-idx1-ubyte" + s);
    }

    @Test
    void gzippedAndPlainFullSetsHaveTheSameChecksum(@TempDir Path other) {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        IdxFixtures.writeTrainTest(other, 30, 12, 6, false, 11);
        assertThat(MnistSource.load(dir).checksum()).isEqualTo(MnistSource.load(other).checksum());
    }

    @Test
    void mixedGzipAndPlainFilesAreFine() throws IOException {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        Path gz = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFixtures.gunzip(Files.readAllBytes(gz)));
        Files.delete(gz);
        assertThat(MnistSource.load(dir).test().count()).isEqualTo(12);
    }

    @Test
    void trainTestFilesWinOverTheSingleSetNames() {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        IdxFixtures.write(dir, "images-idx3-ubyte", new byte[0]); // would be refused if read
        assertThat(MnistFiles.find(dir).layout()).isEqualTo(MnistFiles.Layout.TRAIN_TEST);
    }

    @Test
    void incompleteFullLayoutListsWhatIsMissing() throws IOException {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(dir + ": incomplete MNIST train/test set: missing train-labels-idx1-ubyte[.gz],"
                + " t10k-images-idx3-ubyte[.gz] (looked for train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)");
    }

    @Test
    void singleSetWithoutLabels() {
        IdxFixtures.write(dir, "images-idx3-ubyte.gz", new byte[0]);
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(dir + ": found images-idx3-ubyte.gz but not labels-idx1-ubyte[.gz]; both are needed");
    }

    @Test
    void emptyDirectoryListsWhatWasLookedFor() {
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(dir + ": no MNIST files found: looked for train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, or for images-idx3-ubyte, labels-idx1-ubyte"
                + " (each optionally .gz)");
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("no-such-dir");
        assertThatThrownBy(() -> MnistSource.load(missing))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(missing + ": MNIST directory does not exist");
    }

    @Test
    void fileInsteadOfDirectory() {
        Path file = IdxFixtures.write(dir, "x", new byte[1]);
        assertThatThrownBy(() -> MnistSource.load(file))
            .isInstanceOf(InvalidDataException.class)
            .hasMessageStartingWith(file + ": is not a directory");
    }

    @Test
    void plainAndGzippedCopiesOfOneFileAreAmbiguous() {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, false, 11);
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(dir + ": both train-images-idx3-ubyte and train-images-idx3-ubyte.gz exist;"
                + " keep one so it is clear which is read");
    }

    @Test
    void trainAndTestImageSizesMustAgree() {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, false, 11);
        byte[] pixels = new byte[12 * 5 * 5];
        Path t10k = IdxFixtures.write(dir, "t10k-images-idx3-ubyte", IdxFixtures.imagesIdx(12, 5, 5, pixels));
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(t10k + ": images are 5x5 but " + dir.resolve("train-images-idx3-ubyte") + " has 6x6");
    }

    @Test
    void aBrokenFileInTheDirectoryIsNamed() throws IOException {
        IdxFixtures.writeTrainTest(dir, 30, 12, 6, true, 11);
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] raw = IdxFixtures.gunzip(Files.readAllBytes(labels));
        raw[8 + 29] = 42;
        Files.write(labels, IdxFixtures.gzip(raw));
        assertThatThrownBy(() -> MnistSource.load(dir))
            .isInstanceOf(InvalidDataException.class)
            .hasMessage(labels + ": label out of range: label 42 at index 29 is not a digit 0-9 (1 bad label in all)");
    }
}
