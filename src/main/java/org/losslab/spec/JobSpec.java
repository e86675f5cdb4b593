package org.losslab.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.losslab.BadInputException;

/**
 * A validated job spec: its name, root seed, canonical text and hash, and its sections. A section
 * that is absent means its step does not run ({@code compare} is always present: its defaults apply).
 * Validation is strict: unknown keys, wrong types and
 * out-of-range values are refused with the key path in the message.
 */
public record JobSpec(String name, String description, long seed, String text, String sha256,
                      DataSpec data, TrainingSpec training, TheorySpec theory, SpinGlassSpec spinglass,
                      CellsSpec cells, RegionsSpec regions, HessianSpec hessian, CompareSpec compare, PlanSpec plan,
                      EnumerationSpec enumeration) {

    public static JobSpec load(Path file, List<String> overrides) {
        return from(SpecParser.read(file, overrides));
    }

    /** Re-reads a stored canonical spec text, e.g. to restart an execution exactly as it began. */
    public static JobSpec fromText(String source, String text) {
        return from(SpecParser.parse(source, text, List.of()));
    }

    /** The top-level sections a spec may have (misspelt ones are named first, with a suggestion). */
    static final List<String> SECTIONS = List.of("name", "description", "seed", "schedule", "data", "training", "theory",
            "spinglass", "enumeration", "cells", "regions", "hessian", "compare", "plan");

    static JobSpec from(SpecTree t) {
        t.rejectMisspeltSections(SECTIONS);
        Schedule.read(t); // operational only: validated, then kept out of the stored text and hash
        String name = t.string("name", null);
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw t.error("name", "must be 1-63 characters of a-z, 0-9, '-' or '_', not '" + name + "'");
        }
        String description = t.string("description", "");
        long seed = t.integer("seed", null, Long.MIN_VALUE, Long.MAX_VALUE);
        DataSpec data = DataSpec.read(t);
        TrainingSpec training = t.has("training") ? TrainingSpec.read(t) : null;
        TheorySpec theory = t.has("theory") ? TheorySpec.read(t) : null;
        SpinGlassSpec spinglass = t.has("spinglass") ? SpinGlassSpec.read(t) : null;
        CellsSpec cells = t.has("cells") ? CellsSpec.read(t) : null;
        if (cells != null && !cells.mnistClasses().isEmpty()
                && (cells.mnistComponents() > data.inputSize() || cells.mnistComponents() >= cells.mnistCount())) {
            throw t.error("cells.mnist_components", "must be at most the " + data.inputSize()
                    + " features of data.downsample and below cells.mnist_count (" + cells.mnistCount() + "), got "
                    + cells.mnistComponents());
        }
        RegionsSpec regions = t.has("regions") ? RegionsSpec.read(t) : null;
        HessianSpec hessian = t.has("hessian") ? HessianSpec.read(t, training, seed) : null;
        CompareSpec compare = CompareSpec.read(t);
        PlanSpec plan = PlanSpec.read(t);
        EnumerationSpec enumeration = t.has("enumeration") ? EnumerationSpec.read(t) : null;
        t.rejectUnknownKeys();
        if (training == null && theory == null && spinglass == null && cells == null && regions == null
                && enumeration == null) {
            throw new BadInputException(t.source() + ": the spec has no stage to run "
                    + "(add a training, theory, spinglass, cells, regions or enumeration section)");
        }
        String text = SpecParser.canonicalText(t);
        return new JobSpec(name, description, seed, text, sha256(text), data, training, theory, spinglass, cells, regions,
                hessian, compare, plan, enumeration);
    }

    /** Whether the spec has section {@code name} ({@code training}, {@code theory}, …; {@code data} always). */
    public boolean has(String name) {
        return switch (name) {
            case "data" -> data != null;
            case "training" -> training != null;
            case "theory" -> theory != null;
            case "spinglass" -> spinglass != null;
            case "cells" -> cells != null;
            case "regions" -> regions != null;
            case "enumeration" -> enumeration != null;
            case "hessian" -> hessian != null;
            default -> throw new IllegalArgumentException("no spec section " + name);
        };
    }

    /** Whether a stage of this spec reads MNIST, so that the prepare-data step runs first. */
    public boolean needsData() {
        return training != null || (cells != null && !cells.mnistClasses().isEmpty()) || regions != null;
    }

    public String shortHash() {
        return sha256.substring(0, 8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
