package org.losslab.pipeline.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.BadInputException;
import org.losslab.data.InvalidDataException;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.spec.DataSpec;

/**
 * Loads and validates the data a spec names. {@code losslab run} calls it before launching (a bad
 * file is refused with nothing written); the prepare-data step then reuses the same load. Relative
 * directories resolve against the working directory, then against {@code LOSSLAB_HOME} (the
 * project directory, set by the launcher), so {@code data/mnist-10k} works from anywhere.
 */
public final class DataPreparation {

    private static final Map<String, MnistData> LOADED = new ConcurrentHashMap<>();

    private DataPreparation() {
    }

    /** The data of {@code data.dir}; files that are not valid MNIST data are bad input (exit 2). */
    public static MnistData load(DataSpec spec) {
        Path dir = resolve(spec.dir());
        try {
            return LOADED.computeIfAbsent(dir + "#" + spec.holdout() + "#" + spec.verifyChecksums(),
                    k -> MnistSource.load(dir, spec.holdout(), spec.verifyChecksums()));
        } catch (InvalidDataException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    static Path resolve(String dir) {
        Path p = Path.of(dir);
        String home = System.getenv("LOSSLAB_HOME");
        if (!p.isAbsolute() && !Files.exists(p) && home != null && Files.exists(Path.of(home).resolve(p))) {
            return Path.of(home).resolve(p).toAbsolutePath().normalize();
        }
        return p.toAbsolutePath().normalize();
    }
}
