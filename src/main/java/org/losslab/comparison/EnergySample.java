package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Final energy densities {@code u = H/N} of the spherical p-spin descents at one size N with one method
 * (docs/science.md §A.5.1), read from view {@code v_spinglass}, with whether each descent converged (gradient
 * norm below the tolerance; a descent stopped at its step cap above it is not a critical point).
 */
public record EnergySample(int n, String method, List<Integer> restarts, double[] energies, boolean[] converged,
                           String source) {

    public String subject() {
        return "N=" + n + " (" + method + ")";
    }

    public int convergedCount() {
        int c = 0;
        for (boolean b : converged) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** The converged descents only, ordered by restart. */
    public EnergySample convergedOnly() {
        int[] keep = IntStream.range(0, energies.length).filter(i -> converged[i]).boxed()
                .sorted(Comparator.comparing(restarts::get)).mapToInt(Integer::intValue).toArray();
        List<Integer> r = new ArrayList<>();
        double[] e = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            r.add(restarts.get(keep[i]));
            e[i] = energies[keep[i]];
        }
        return new EnergySample(n, method, r, e, all(keep.length), source + " (converged descents)");
    }

    public ComparisonInputs inputs() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < energies.length; i++) {
            lines.add(restarts.get(i) + "\t" + energies[i] + "\t" + converged[i]);
        }
        return ComparisonInputs.of(source + ", N = " + n + ", method " + method, lines);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }
}
