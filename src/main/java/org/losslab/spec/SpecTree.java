package org.losslab.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.BadInputException;

/**
 * A parsed YAML spec with strict, typed access by key path. Every read marks its key as known;
 * {@link #rejectUnknownKeys()} then refuses anything the program never asked for, so a typo such
 * as {@code training.epoch} is an error naming the key instead of a silently ignored setting.
 */
public final class SpecTree {

    private final String source;
    private final Map<String, Object> root;
    private final Set<String> known = new HashSet<>();

    SpecTree(String source, Map<String, Object> root) {
        this.source = source;
        this.root = root;
    }

    public String source() {
        return source;
    }

    Map<String, Object> root() {
        return root;
    }

    public boolean has(String path) {
        return lookup(path) != null;
    }

    public String string(String path, String fallback) {
        Object v = value(path, fallback);
        if (!(v instanceof String s)) {
            throw wrongType(path, "a string", v);
        }
        return s;
    }

    public String choice(String path, String fallback, String... allowed) {
        String v = string(path, fallback);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw error(path, "must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
    }

    /** One allowed name, or a non-empty list of distinct allowed names (e.g. {@code method: [gd, annealing]}). */
    public List<String> choices(String path, String fallback, String... allowed) {
        Object v = value(path, fallback);
        if (v instanceof String) {
            return List.of(choice(path, fallback, allowed));
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw wrongType(path, "a name or a non-empty list of names", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(list.get(i) instanceof String e) || !List.of(allowed).contains(e)) {
                throw error(at, "must be one of " + String.join(", ", allowed) + ", not '" + list.get(i) + "'");
            }
            if (out.contains(e)) {
                throw error(at, "repeats '" + e + "'");
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    public long integer(String path, Long fallback, long min, long max) {
        Object v = value(path, fallback);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw wrongType(path, "an integer", v);
        }
        long x = ((Number) v).longValue();
        if (x < min || x > max) {
            throw error(path, "must be between " + min + " and " + max + ", not " + x);
        }
        return x;
    }

    public double number(String path, Double fallback, double min, double max) {
        Object v = value(path, fallback);
        if (!(v instanceof Number n)) {
            throw wrongType(path, "a number", v);
        }
        double x = n.doubleValue();
        if (!Double.isFinite(x)) {
            throw error(path, "must be a finite number, not " + x);
        }
        if (x < min || x > max) {
            throw error(path, "must be between " + min + " and " + max + ", not " + x);
        }
        return x;
    }

    public boolean bool(String path, boolean fallback) {
        Object v = value(path, fallback);
        if (!(v instanceof Boolean b)) {
            throw wrongType(path, "true or false", v);
        }
        return b;
    }

    public List<Long> integers(String path, List<Long> fallback, long min, long max) {
        Object v = value(path, fallback);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw wrongType(path, "a non-empty list of integers", v);
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            String at = path + "[" + i + "]";
            if (!(e instanceof Integer || e instanceof Long)) {
                throw wrongType(at, "an integer", e);
            }
            long x = ((Number) e).longValue();
            if (x < min || x > max) {
                throw error(at, "must be between " + min + " and " + max + ", not " + x);
            }
            out.add(x);
        }
        return out;
    }

    public List<Double> numbers(String path, List<Double> fallback, double min, double max) {
        Object v = value(path, fallback);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw wrongType(path, "a non-empty list of numbers", v);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(list.get(i) instanceof Number n)) {
                throw wrongType(at, "a number", list.get(i));
            }
            double x = n.doubleValue();
            if (!Double.isFinite(x) || x < min || x > max) {
                throw error(at, "must be a finite number between " + min + " and " + max + ", not " + x);
            }
            out.add(x);
        }
        return out;
    }

    /**
     * Refuses a list of sizes or settings that repeats a value, naming it: each value is a separate unit
     * of work, and a repeat was silently merged before (issue #18 item 6). Returns the list.
     */
    public <T> List<T> distinct(String path, List<T> values) {
        for (int i = 0; i < values.size(); i++) {
            int first = values.indexOf(values.get(i));
            if (first != i) {
                throw error(path, "repeats " + values.get(i) + " (at [" + first + "] and [" + i + "]); list each value once");
            }
        }
        return values;
    }

    /** Marks a whole subtree as known (for sections read by another component). */
    public void acceptSubtree(String path) {
        known.add(path);
    }

    /**
     * Before any section is read: a top-level key that is not one of {@code sections} but close to one
     * is a misspelt section, named first ({@code unknown section trainng (did you mean training?)}),
     * so that its absence does not surface as some other section's error.
     */
    public void rejectMisspeltSections(List<String> sections) {
        KeySuggestions.rejectMisspeltSections(source, root, sections);
    }

    /** Refuses every key that no reader asked for, suggesting the nearest known key of the same section. */
    public void rejectUnknownKeys() {
        KeySuggestions.rejectUnknownKeys(source, root, known);
    }

    private Object value(String path, Object fallback) {
        known.add(path);
        Object v = lookup(path);
        if (v == null) {
            if (fallback == null) {
                BadInputException typo = KeySuggestions.misspelt(source, path, lookupParent(path), known);
                throw typo != null ? typo : error(path, "is required");
            }
            return fallback;
        }
        return v;
    }

    private Object lookupParent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? root : lookup(path.substring(0, dot));
    }

    Object lookup(String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    BadInputException error(String path, String what) {
        return new BadInputException(source + ": " + path + " " + what);
    }

    private BadInputException wrongType(String path, String expected, Object actual) {
        String shown = actual instanceof Map ? "a section" : actual instanceof List ? "a list" : "'" + actual + "'";
        return error(path, "must be " + expected + ", not " + shown);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static Map<String, Object> newSection() {
        return new LinkedHashMap<>();
    }
}
