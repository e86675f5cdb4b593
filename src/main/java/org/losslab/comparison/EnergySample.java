package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;

/**
 * Final energy densities {@code u = H/N} of the spherical p-spin descents at one size N with one method
 * (science.md §A.5.1), read from view {@code v_spinglass}.
 */
public record EnergySample(int n, String method, List<Integer> restarts, double[] energies, String source) {

    public String subject() {
        return "N=" + n + " (" + method + ")";
    }

    public ComparisonInputs inputs() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < energies.length; i++) {
            lines.add(restarts.get(i) + "\t" + energies[i]);
        }
        return ComparisonInputs.of(source + ", N = " + n + ", method " + method, lines);
    }
}
