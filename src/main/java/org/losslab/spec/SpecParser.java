package org.losslab.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.losslab.BadInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a YAML job spec and applies {@code --set path=value} overrides. Values of overrides are
 * parsed as YAML scalars or flow collections ({@code training.hidden_widths=[25,100]}), so an
 * override has exactly the types the file would have. Only safe YAML (no tags) is accepted.
 */
public final class SpecParser {

    private SpecParser() {
    }

    public static SpecTree read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": spec file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read spec file: " + e.getMessage());
        }
        return parse(file.toString(), text, overrides);
    }

    public static SpecTree parse(String source, String text, List<String> overrides) {
        Object doc;
        try {
            doc = yaml().load(text);
        } catch (MarkedYAMLException e) {
            throw new BadInputException(source + ": YAML syntax error at line "
                    + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1)
                    + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new BadInputException(source + ": YAML error: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new BadInputException(source + ": a spec must be a YAML mapping of sections");
        }
        checkKeys(source, "", map);
        Map<String, Object> root = SpecTree.castMap(map);
        for (String o : overrides) {
            apply(source, root, o);
        }
        return new SpecTree(source, root);
    }

    /** Every key must be a name: YAML also allows numbers, booleans, null and lists as keys. */
    private static void checkKeys(String source, String at, Object node) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key) || key.isEmpty()) {
                    throw new BadInputException(source + ": key " + (e.getKey() instanceof String ? "''" : e.getKey())
                            + (at.isEmpty() ? "" : " in " + at) + " is not a name; keys must be non-empty strings");
                }
                checkKeys(source, at.isEmpty() ? key : at + "." + key, e.getValue());
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkKeys(source, at + "[" + i + "]", list.get(i));
            }
        }
    }

    /** The canonical text of a spec (after overrides): what is stored and hashed. */
    public static String canonicalText(SpecTree tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(tree.root());
    }

    private static void apply(String source, Map<String, Object> root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("--set " + override + ": expected path=value, e.g. training.epochs=8");
        }
        String path = override.substring(0, eq).trim();
        Object value;
        try {
            value = yaml().load(override.substring(eq + 1));
        } catch (YAMLException e) {
            throw new BadInputException("--set " + override + ": value is not valid YAML: " + e.getMessage());
        }
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new BadInputException("--set " + override + ": the path has an empty key; expected path=value, "
                        + "e.g. training.epochs=8");
            }
        }
        checkKeys("--set " + override, path, value);
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (child == null) {
                child = SpecTree.newSection();
                node.put(parts[i], child);
            } else if (!(child instanceof Map<?, ?>)) {
                throw new BadInputException("--set " + override + ": " + parts[i] + " is not a section");
            }
            node = SpecTree.castMap((Map<?, ?>) child);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        return new Yaml(new SafeConstructor(options));
    }
}
