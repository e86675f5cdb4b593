package org.losslab.comparison;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The findings of docs/science.md §E.2 that the compare step judges, in report order, each with its claim
 * in words and where the expected outcome comes from: the paper (stated there, or recalled from it) or a
 * reconstruction of this project (science.md tags it [RECON]: plausibly the paper's result, not quoted from it).
 */
public final class Findings {

    /** Where the expectation a row is judged against comes from (column {@code expectation_source}). */
    public enum Source {
        PAPER, RECONSTRUCTION;

        public String sql() {
            return name().toLowerCase();
        }
    }

    /** A finding: its id, the claim as one sentence, and the source of the expectation. */
    public record Finding(String id, String claim, Source source) {
    }

    private static final Map<String, Finding> ALL = new LinkedHashMap<>();

    static {
        add("F1", "Spin-glass descents (H = 3): the spread of the final energies shrinks as N grows, in or just above "
                + "the band [−E₀, −E∞]", Source.PAPER);
        add("F2", "The test-loss distributions of the network concentrate as the hidden width n1 grows", Source.PAPER);
        add("F3", "The variance of the test loss decreases with n1 (negative log-log slope)", Source.PAPER);
        add("F4", "The Pearson correlation of train and test loss decreases with n1", Source.PAPER);
        add("F5", "For the largest networks, the lowest training losses do not give the lowest test losses",
                Source.PAPER);
        add("F6", "Simulated annealing ends in the same energy band as descent on the same spin-glass couplings "
                + "(difference of mean final u within the spec's margin), and in the same test-loss band as SGD for "
                + "networks of the same width", Source.PAPER);
        add("F7", "Region occupancies sit near the binomial null only for random weights with Gaussian inputs; "
                + "trained weights or MNIST inputs depart from it", Source.RECONSTRUCTION);
        add("F8", "Finite-N Kac-Rice complexity approaches Θₖ,ₚ as N grows, for fixed small k and every tested θ",
                Source.PAPER);
        add("F9", "The constructed point is a spurious local minimum: best affine risk, certified minimum, a strictly "
                + "better point exists", Source.PAPER);
        add("F10", "The risk is constant along the valley path, which stays in one cell", Source.PAPER);
        add("F11", "One hidden layer: every descent inside a cell reaches the cell's convex optimum", Source.PAPER);
        add("F13", "By enumeration at N <= 8: the mean energy of index-k critical points increases with k, the counts "
                + "per index agree with Kac-Rice, and below -N E_inf almost only minima appear", Source.RECONSTRUCTION);
        add("F14", "Trained networks: among critical points, lower final training loss goes with a lower Hessian index "
                + "fraction (the networks' analogue of the spin-glass layering)", Source.RECONSTRUCTION);
        add("F15", "Trained networks: the index fraction of the critical points at the end of training decreases as "
                + "the hidden width n1 grows", Source.RECONSTRUCTION);
    }

    private Findings() {
    }

    private static void add(String id, String claim, Source source) {
        ALL.put(id, new Finding(id, claim, source));
    }

    /** The judged findings in report order. */
    public static Iterable<Finding> all() {
        return ALL.values();
    }

    /** The finding of an id such as {@code F4}; null for combined ids such as {@code F1+F2}. */
    public static Finding of(String id) {
        return ALL.get(id);
    }

    /** The expectation source of a row's finding (combined ids: a reconstruction if any part is one). */
    public static Source source(String findingId) {
        for (String part : findingId.split("\\+")) {
            Finding f = ALL.get(part.strip());
            if (f != null && f.source() == Source.RECONSTRUCTION) {
                return Source.RECONSTRUCTION;
            }
        }
        return Source.PAPER;
    }
}
