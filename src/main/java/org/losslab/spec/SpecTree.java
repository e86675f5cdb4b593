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

    /** Marks a whole subtree as known (for sections read by another component). */
    public void acceptSubtree(String path) {
        known.add(path);
    }

    /** Refuses every key that no reader asked for. */
    public void rejectUnknownKeys() {
        List<String> unknown = new ArrayList<>();
        collectUnknown("", root, unknown);
        if (!unknown.isEmpty()) {
            throw new BadInputException(source + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown));
        }
    }

    private void collectUnknown(String prefix, Map<String, Object> map, List<String> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (known.contains(path) || e.getValue() == null) {
                continue; // a null section (e.g. --set theory=null) is an absent one
            }
            if (e.getValue() instanceof Map<?, ?> child && isPrefixOfKnown(path)) {
                collectUnknown(path, castMap(child), out);
            } else {
                out.add(path);
            }
        }
    }

    private boolean isPrefixOfKnown(String path) {
        for (String k : known) {
            if (k.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    private Object value(String path, Object fallback) {
        known.add(path);
        Object v = lookup(path);
        if (v == null) {
            if (fallback == null) {
                throw error(path, "is required");
            }
            return fallback;
        }
        return v;
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
