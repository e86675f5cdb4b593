package org.losslab.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.BadInputException;

/**
 * "Did you mean …?" for a misspelt spec key: the known key nearest by Levenshtein distance, when it is
 * close enough to be a typo (at most a third of the key's length, at least 1, at most 3 edits); and the
 * refusal of every key no reader of a {@link SpecTree} asked for.
 */
final class KeySuggestions {

    private KeySuggestions() {
    }

    /** A top-level key that is not one of {@code sections} but close to one: refused, named first. */
    static void rejectMisspeltSections(String source, Map<String, Object> root, List<String> sections) {
        for (String key : root.keySet()) {
            String near = sections.contains(key) ? null : nearest(key, sections);
            if (near != null) {
                throw new BadInputException(source + ": unknown " + (root.get(key) instanceof Map ? "section " : "key ")
                        + key + " (did you mean " + near + "?)");
            }
        }
    }

    /** Refuses every key of {@code root} not in {@code known}, suggesting the nearest known key of its section. */
    static void rejectUnknownKeys(String source, Map<String, Object> root, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        collectUnknown("", root, known, unknown);
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.stream().map(u -> u + hint(leaf(u), siblings(u, known))).toList();
            throw new BadInputException(source + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", shown));
        }
    }

    private static void collectUnknown(String prefix, Map<String, Object> map, Set<String> known, List<String> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (known.contains(path) || e.getValue() == null) {
                continue; // a null section (e.g. --set theory=null) is an absent one
            }
            if (e.getValue() instanceof Map<?, ?> child && known.stream().anyMatch(k -> k.startsWith(path + "."))) {
                collectUnknown(path, SpecTree.castMap(child), known, out);
            } else {
                out.add(path);
            }
        }
    }

    /** The nearest of {@code known} to {@code typed}, or null when none is plausibly meant. */
    static String nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed, k);
            if (d > 0 && (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0))) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.min(3, Math.max(1, typed.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** " (did you mean X?)" or "". */
    static String hint(String typed, Collection<String> known) {
        String n = nearest(typed, known);
        return n == null ? "" : " (did you mean " + n + "?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * A required key {@code path} is missing: if its section holds an unread key that is a near miss of it,
     * that key is the error ({@code unknown key training.epoch (did you mean epochs?)}), else null.
     */
    static BadInputException misspelt(String source, String path, Object parent, Set<String> known) {
        if (!(parent instanceof Map<?, ?> siblings)) {
            return null;
        }
        int dot = path.lastIndexOf('.');
        for (Object key : siblings.keySet()) {
            String sibling = (dot < 0 ? "" : path.substring(0, dot + 1)) + key;
            if (!known.contains(sibling) && leaf(path).equals(nearest(key.toString(), List.of(leaf(path))))) {
                return new BadInputException(source + ": unknown key " + sibling + " (did you mean " + leaf(path) + "?)");
            }
        }
        return null;
    }

    static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The names of the known keys in the same section as {@code path}. */
    static List<String> siblings(String path, Set<String> known) {
        int dot = path.lastIndexOf('.');
        String prefix = dot < 0 ? "" : path.substring(0, dot + 1);
        List<String> out = new ArrayList<>();
        for (String k : known) {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                String rest = k.substring(prefix.length());
                out.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
            }
        }
        return out;
    }
}
