package org.losslab.spec;

import java.util.Collection;

/**
 * "Did you mean …?" for a misspelt spec key: the known key nearest by Levenshtein distance, when it is
 * close enough to be a typo (at most a third of the key's length, at least 1, at most 3 edits).
 */
final class KeySuggestions {

    private KeySuggestions() {
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
}
