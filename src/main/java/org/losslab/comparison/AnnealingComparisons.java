package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finding F6 (docs/science.md §E.2, decision rule §E.3, design §A.5.3): does simulated annealing end in the same
 * energy band as descent on the same couplings? Per size N with converged annealing and converged descent
 * (gd or sgd) outcomes, the statistic is the difference of mean final energies Δ = mean u(annealing) − mean
 * u(descent), with a stratified percentile bootstrap interval at level 1 − 2α: the two one-sided tests (TOST) of
 * equivalence at level α. Consistent iff the interval lies inside the spec's margin [−m, m]; inconsistent iff it
 * lies wholly outside it (the groups differ by more than the margin); undetermined otherwise, and with fewer than
 * {@link ComparisonSettings#MIN_GROUP_SIZE} converged outcomes in either group. {@link #networks} applies the same
 * test to the final test losses of annealed and SGD-trained networks of one width (trainer lists, §A.5.3).
 */
public final class AnnealingComparisons {

    public static final String METHOD = "annealing";

    private AnnealingComparisons() {
    }

    public static List<Comparison> compare(List<EnergySample> samples, double margin, ComparisonSettings s) {
        Map<Integer, EnergySample> annealing = new TreeMap<>();
        Map<Integer, EnergySample> descent = new TreeMap<>();
        for (EnergySample e : samples) {
            (METHOD.equals(e.method()) ? annealing : descent).putIfAbsent(e.n(), e);
        }
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<Integer, EnergySample> a : annealing.entrySet()) {
            EnergySample d = descent.get(a.getKey());
            if (d != null) {
                out.add(equivalence(a.getValue().convergedOnly(), d.convergedOnly(), margin, s));
            }
        }
        return out;
    }

    static Comparison equivalence(EnergySample annealing, EnergySample descent, double margin, ComparisonSettings s) {
        String subject = "N=" + annealing.n() + " (annealing − " + descent.method() + ")";
        ComparisonInputs in = ComparisonInputs.combine("v_spinglass, N = " + annealing.n() + ", converged outcomes of "
                + "annealing and " + descent.method(), List.of(annealing.inputs(), descent.inputs()));
        return tost("mean_energy_difference", subject, annealing.energies(), descent.energies(), descent.method(),
                "converged", in, String.format("equivalence margin ±%.4g in u (spec spinglass.anneal_margin)", margin),
                margin, s);
    }

    /**
     * F6 for the networks (science.md §E.3 rule 5): per hidden width with completed runs of both trainers, the same
     * equivalence test on the final test losses, Δ = mean L_test(annealing) − mean L_test(SGD), margin
     * {@code training.anneal_margin} in mean cross-entropy (nats).
     */
    public static List<Comparison> networks(List<RunLosses> annealing, List<RunLosses> descent, String descentTrainer,
                                            double margin, ComparisonSettings s) {
        Map<List<Integer>, RunLosses> sgd = new TreeMap<>(Comparator.comparing((List<Integer> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        descent.forEach(d -> sgd.put(List.of(d.hiddenLayers(), d.hiddenWidth()), d));
        List<Comparison> out = new ArrayList<>();
        for (RunLosses a : annealing) {
            RunLosses d = sgd.get(List.of(a.hiddenLayers(), a.hiddenWidth()));
            if (d == null) {
                continue;
            }
            RunLosses as = a.sortedByRunKey();
            RunLosses ds = d.sortedByRunKey();
            String subject = a.subject() + " (annealing − " + descentTrainer + ")";
            ComparisonInputs in = ComparisonInputs.combine("v_runs, " + a.subject() + ", completed runs of annealing and "
                    + descentTrainer + ", final test loss", List.of(as.inputs(), ds.inputs()));
            out.add(tost("mean_test_loss_difference", subject, as.test(), ds.test(), descentTrainer, "completed", in,
                    String.format("equivalence margin ±%.4g in mean test cross-entropy (spec training.anneal_margin)",
                            margin), margin, s));
        }
        return out;
    }

    /**
     * The two one-sided tests of equivalence of mean(a) − mean(d) at margin ±m by a stratified percentile bootstrap
     * interval at level 1 − 2α, shared by the spin-glass and network forms of F6.
     */
    static Comparison tost(String statistic, String subject, double[] a, double[] d, String descent, String kept,
                           ComparisonInputs in, String ref, double margin, ComparisonSettings s) {
        StatTest test = StatTest.of(String.format("equivalence (TOST) by the %s stratified percentile bootstrap "
                + "interval of the difference of means, margin ±%.4g", ComparisonSettings.percent(2 * s.alpha()),
                margin), s.alpha());
        int smallest = Math.min(a.length, d.length);
        if (smallest < ComparisonSettings.MIN_GROUP_SIZE) {
            Double diff = smallest == 0 ? null : Comparison.finite(mean(a) - mean(d));
            return Comparison.describe("F6", statistic, subject, diff, in).withTest(test)
                    .withReference(0.0, ref).withVerdict(Comparison.Verdict.UNDETERMINED, String.format(
                            "%d annealing and %d %s outcomes %s: fewer than %d in a group decide nothing",
                            a.length, d.length, descent, kept, ComparisonSettings.MIN_GROUP_SIZE));
        }
        Bootstrap.Interval ci = Bootstrap.stratified(List.of(a, d), g -> mean(g.get(0)) - mean(g.get(1)),
                s.resamples(), 2 * s.alpha(), s.seed("F6", statistic, subject));
        Comparison c = Comparison.describe("F6", statistic, subject, Comparison.finite(ci.estimate()), in)
                .withTest(test).withInterval(Comparison.finite(ci.low()), Comparison.finite(ci.high()))
                .withReference(0.0, ref);
        if (Double.isNaN(ci.low()) || Double.isNaN(ci.high())) {
            return c.withVerdict(Comparison.Verdict.UNDETERMINED, "the bootstrap interval is undefined");
        }
        if (ci.low() >= -margin && ci.high() <= margin) {
            return c.withVerdict(Comparison.Verdict.CONSISTENT, "the interval lies inside the margin: same band");
        }
        if (ci.low() > margin || ci.high() < -margin) {
            return c.withVerdict(Comparison.Verdict.INCONSISTENT, String.format("the interval lies wholly %s the "
                    + "margin: annealing ends %s than descent", ci.low() > margin ? "above" : "below",
                    ci.low() > margin ? "higher" : "lower"));
        }
        return c.withVerdict(Comparison.Verdict.UNDETERMINED, "the interval straddles an end of the margin");
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
