package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.cli.Main;
import org.losslab.support.TestDatabase;

/**
 * The catalogue of bad inputs (docs/reliability.md): each is refused by {@code losslab run} with
 * exit code 2 and a one-line message naming the file or key and the problem, before anything
 * touches the database: the test database has no table afterwards, not even Flyway's. A network
 * that diverges is not bad input (TrainingJobIT#divergingRunsAreRecordedAndTheJobGoesOn).
 */
class BadInputCatalogueIT {

    @TempDir
    static Path tmp;
    static TestDatabase db;
    static Path good;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create().useInProcess();
        good = dataDir("good", d -> { });
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** A valid 60-image single-set MNIST directory, then {@code damage} applied to its files. */
    static Path dataDir(String name, Consumer<Path> damage) throws IOException {
        return dataDir(tmp, name, damage);
    }

    /** A valid 60-image directory under {@code parent} (for other tests of bad input). */
    static Path dataDir(Path parent, String name) throws IOException {
        return dataDir(parent, name, d -> { });
    }

    static Path dataDir(Path parent, String name, Consumer<Path> damage) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Random rnd = new Random(name.hashCode());
        byte[] pixels = new byte[60 * 28 * 28];
        rnd.nextBytes(pixels);
        byte[] labels = new byte[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        Files.write(dir.resolve("images-idx3-ubyte"), ByteBuffer.allocate(16 + pixels.length)
                .putInt(2051).putInt(60).putInt(28).putInt(28).put(pixels).array());
        Files.write(dir.resolve("labels-idx1-ubyte"), ByteBuffer.allocate(8 + 60).putInt(2049).putInt(60).put(labels).array());
        damage.accept(dir);
        return dir;
    }

    /** A copy of data/mnist-10k whose images file (uncompressed) has one pixel byte changed. */
    static Path modifiedTenK() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("modified-mnist-10k"));
        byte[] images;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of("data/mnist-10k/images-idx3-ubyte.gz")))) {
            images = in.readAllBytes();
        }
        images[16 + 300] ^= 0x10;
        Files.write(dir.resolve("images-idx3-ubyte"), images);
        Files.copy(Path.of("data/mnist-10k/labels-idx1-ubyte.gz"), dir.resolve("labels-idx1-ubyte.gz"));
        return dir;
    }

    static Path spec(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), text);
    }

    static String specText(Path dataDir) {
        return """
                name: bad-input
                seed: 1
                data: {dir: %s, holdout: 10}
                training: {hidden_widths: [25], restarts: 1, epochs: 1, learning_rate: 0.1}
                """.formatted(dataDir);
    }

    static Arguments badData(String name, Consumer<Path> damage, String... expected) throws IOException {
        Path dir = dataDir(name, damage);
        return Arguments.of(name, List.of("run", spec(name, specText(dir)).toString()), List.of(expected));
    }

    static Arguments badSpec(String name, String text, String... expected) throws IOException {
        return Arguments.of(name, List.of("run", spec(name, text).toString()), List.of(expected));
    }

    static Arguments badSet(String name, String set, String... expected) throws IOException {
        return Arguments.of(name, List.of("run", spec("base-" + name, specText(good)).toString(), "--set", set),
                List.of(expected));
    }

    static Stream<Arguments> catalogue() throws IOException {
        List<Arguments> c = new ArrayList<>();
        // data files
        c.add(badData("truncated-images", d -> truncate(d.resolve("images-idx3-ubyte"), 100),
                "images-idx3-ubyte", "truncated"));
        c.add(badData("truncated-labels-header", d -> truncate(d.resolve("labels-idx1-ubyte"), 65),
                "labels-idx1-ubyte", "truncated"));
        c.add(badData("truncated-gzip", d -> gzipThen(d.resolve("images-idx3-ubyte"), b -> Arrays.copyOf(b, b.length / 2)),
                "images-idx3-ubyte.gz", "gzip"));
        c.add(badData("corrupted-gzip", d -> gzipThen(d.resolve("images-idx3-ubyte"), b -> {
            for (int i = b.length / 3; i < b.length / 3 + 64; i++) {
                b[i] ^= 0x5a;
            }
            return b;
        }), "images-idx3-ubyte.gz", "corrupt"));
        c.add(badData("wrong-magic-images", d -> poke(d.resolve("images-idx3-ubyte"), 0, 2049),
                "images-idx3-ubyte", "wrong magic number 2049"));
        c.add(badData("wrong-magic-labels", d -> poke(d.resolve("labels-idx1-ubyte"), 0, 0x12345678),
                "labels-idx1-ubyte", "wrong magic number"));
        c.add(badData("count-mismatch", d -> {
            poke(d.resolve("labels-idx1-ubyte"), 4, 59);
            truncate(d.resolve("labels-idx1-ubyte"), 1);
        }, "labels-idx1-ubyte", "has 59 labels but", "60 images"));
        c.add(badData("label-out-of-range", d -> pokeByte(d.resolve("labels-idx1-ubyte"), 8 + 7, 10),
                "labels-idx1-ubyte", "label"));
        c.add(badData("missing-labels-file", d -> delete(d.resolve("labels-idx1-ubyte")),
                "images-idx3-ubyte", "labels-idx1-ubyte"));
        c.add(badSpec("modified-mnist-file", specText(modifiedTenK()), "images-idx3-ubyte", "checksum mismatch",
                "expected SHA-256 83c87a3a", "actual "));
        c.add(badSpec("missing-data-directory", specText(tmp.resolve("no-such-dir")),
                "no-such-dir", "MNIST directory does not exist"));
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        c.add(badSpec("data-dir-is-a-file", specText(notADir), "plain-file", "is not a directory"));
        c.add(badSet("holdout-too-large", "data.holdout=60", "holdout 60 is out of range", "images-idx3-ubyte"));
        // spec files
        c.add(Arguments.of("missing-spec-file", List.of("run", tmp.resolve("absent.yaml").toString()),
                List.of("absent.yaml", "spec file not found")));
        c.add(badSpec("yaml-syntax-error", "name: x\nseed: 1\ntraining: [1, 2\n", "yaml-syntax-error.yaml", "YAML syntax error at line"));
        c.add(badSpec("yaml-not-a-mapping", "- a\n- b\n", "yaml-not-a-mapping.yaml", "must be a YAML mapping"));
        c.add(badSpec("yaml-duplicate-key", specText(good) + "seed: 2\n", "duplicate-key.yaml", "seed"));
        c.add(badSet("unknown-key", "training.epoch=3", "unknown key training.epoch"));
        c.add(badSet("unknown-section", "report.pdf=true", "unknown key report"));
        c.add(badSet("wrong-type-integer", "training.epochs=three", "training.epochs must be an integer, not 'three'"));
        c.add(badSet("wrong-type-list", "training.hidden_widths=25", "training.hidden_widths must be a non-empty list"));
        c.add(badSet("wrong-type-number", "training.learning_rate=fast", "training.learning_rate must be a number"));
        c.add(badSet("wrong-type-section", "data=7", "data"));
        c.add(badSet("bad-choice", "training.activation=sigmoid", "training.activation must be one of"));
        c.add(badSet("bad-name", "name=Has Spaces", "name must be"));
        c.add(badSet("set-without-value", "training.epochs", "--set training.epochs", "expected path=value"));
        // sizes
        c.add(badSet("negative-restarts", "training.restarts=-1", "training.restarts must be between 1", "not -1"));
        c.add(badSet("zero-epochs", "training.epochs=0", "training.epochs must be between 1", "not 0"));
        c.add(badSet("zero-width", "training.hidden_widths=[25, 0]", "training.hidden_widths[1] must be between 1"));
        c.add(badSet("negative-batch", "training.batch_size=-100", "training.batch_size must be between 1"));
        c.add(badSet("zero-block", "training.block_size=0", "training.block_size must be between 1"));
        c.add(badSet("zero-holdout", "data.holdout=0", "data.holdout must be between 1"));
        c.add(badSet("zero-downsample", "data.downsample=0", "data.downsample must be between 2"));
        c.add(badSet("zero-layers", "training.hidden_layers=0", "training.hidden_layers must be between 1"));
        c.add(badSet("width-beyond-limit", "training.hidden_widths=[2000000]", "training.hidden_widths[0] must be between"));
        c.add(badSet("too-large-to-allocate", "training.hidden_widths=[25, 1000000]",
                "training.hidden_widths[1]=1000000", "GiB", "ND4J may allocate only"));
        c.add(badSet("regions-too-wide-to-allocate", "regions.mlp_widths=[100000, 100000]",
                "regions.mlp_widths=[100000, 100000]: the regions network", "GiB", "ND4J may allocate only"));
        // 65536² = 2³²: a parameter count in int arithmetic wrapped to 7 million and passed the check
        c.add(badSpec("parameter-count-beyond-int", specText(good).replace("hidden_widths: [25]", "hidden_widths: [65536], hidden_layers: 2"),
                "training.hidden_widths[0]=65536", "GiB"));
        c.add(badSpec("cells-more-components-than-features", specText(good) + "cells: {mnist_classes: [3, 5], mnist_components: 101}\n",
                "cells.mnist_components", "at most the 100 features"));
        c.add(badSet("regions-batch-too-large", "regions.batch_size=100000",
                "regions.batch_size=100000: the regions network lenet5", "GiB", "lower regions.batch_size"));
        c.add(badSet("zero-learning-rate", "training.learning_rate=0", "training.learning_rate must be between"));
        c.add(badSet("nan-learning-rate", "training.learning_rate=.nan", "training.learning_rate must be a finite number"));
        c.add(badSet("infinite-learning-rate", "training.learning_rate=.inf", "training.learning_rate must be a finite number"));
        c.add(badSet("negative-infinite-lr", "training.learning_rate=-.inf", "training.learning_rate must be a finite number"));
        c.add(badSet("nan-init-scale", "training.init_scale=.nan", "training.init_scale must be a finite number"));
        // command line
        c.add(Arguments.of("run-without-spec", List.of("run"), List.of("Missing required parameter", "SPEC")));
        c.add(Arguments.of("unknown-option", List.of("run", spec("opt", specText(good)).toString(), "--frobnicate"),
                List.of("Unknown option", "--frobnicate")));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void refusedWithExit2AndNothingWritten(String name, List<String> args, List<String> expected) throws Exception {
        long offHeapBefore = Pointer.totalBytes();
        long t0 = System.nanoTime();
        Run r = run(args.toArray(String[]::new));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exit).as("%s: exit code; stderr: %s", name, r.err).isEqualTo(2);
        String first = r.err.lines().findFirst().orElse("");
        assertThat(first).as(name).startsWith("losslab: ");
        for (String e : expected) {
            assertThat(first).as("%s: the message names the file or key and the problem", name).contains(e);
        }
        assertThat(r.err).as(name).doesNotContain("\tat ", "Exception");
        assertThat(seconds).as("%s: refused at once", name).isLessThan(10);
        assertThat(Pointer.totalBytes() - offHeapBefore).as("%s: nothing allocated off-heap", name).isLessThan(1 << 20);
        assertNothingWritten();
    }

    @Test
    void tooDeepNetworkNamesTheMemoryItWouldNeed() throws Exception {
        Run r = run("run", spec("deep", specText(good)).toString(), "--set", "training.hidden_layers=8",
                "--set", "training.hidden_widths=[200000]");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).matches("(?s)losslab: training.hidden_widths\\[0\\]=200000: \\d+ training threads need about "
                + "[0-9.]+ GiB .*");
        assertNothingWritten();
    }

    static void assertNothingWritten() throws Exception {
        assertNothingWritten(db);
    }

    static void assertNothingWritten(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"))
                    .as("no table, sequence or view was created").isZero();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    // --- damage to files ---

    static void truncate(Path f, int bytes) {
        try {
            byte[] b = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(b, b.length - bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void poke(Path f, int offset, int value) {
        try {
            byte[] b = Files.readAllBytes(f);
            ByteBuffer.wrap(b).putInt(offset, value);
            Files.write(f, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void pokeByte(Path f, int offset, int value) {
        try {
            byte[] b = Files.readAllBytes(f);
            b[offset] = (byte) value;
            Files.write(f, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void delete(Path f) {
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces {@code f} by {@code f.gz}, whose compressed bytes {@code damage} then changes. */
    static void gzipThen(Path f, java.util.function.UnaryOperator<byte[]> damage) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(Files.readAllBytes(f));
            }
            Files.delete(f);
            Files.write(f.resolveSibling(f.getFileName() + ".gz"), damage.apply(bytes.toByteArray()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
