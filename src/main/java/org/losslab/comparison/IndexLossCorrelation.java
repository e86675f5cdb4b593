package org.losslab.comparison;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F14, "lower-loss critical points have lower index" (docs/science.md §A.6, the networks' analogue of
 * the layering of §B.6): within each width, Spearman's ρ between final training loss and index fraction of the
 * critical points; the deciding statistic is their mean weighted by the number of critical points, with a
 * stratified percentile bootstrap interval (networks resampled within each width). Consistent iff the interval
 * lies above 0, inconsistent iff at or below 0, undetermined otherwise, or when no width has
 * {@value ComparisonSettings#MIN_GROUP_SIZE} critical points (the honest outcome when the endpoints are not
 * critical), or when ρ is undefined (every index fraction equal, e.g. all minima).
 */
final class IndexLossCorrelation {

    private IndexLossCorrelation() {
    }

    static Comparison compare(List<HessianComparisons.Width> widths, String subject, ComparisonSettings s) {
        String stat = "spearman_loss_index_within_width";
        StatTest test = StatTest.of("Spearman rho of final train loss and index fraction among critical points, "
                + "weighted mean over widths; stratified percentile bootstrap, B = " + s.resamples(), s.alpha());
        HessianComparisons.Selection sel = HessianComparisons.Selection.of(widths, subject);
        List<HessianComparisons.Width> used = sel.used();
        ComparisonInputs in = sel.inputs();
        String excluded = sel.excluded();
        Comparison c = Comparison.describe("F14", stat, subject, null, in).withTest(test);
        if (used.isEmpty()) {
            return c.withVerdict(Verdict.UNDETERMINED, "no width has " + ComparisonSettings.MIN_GROUP_SIZE
                    + " critical points (gradient norm at most the stated threshold), so no index is claimed" + excluded);
        }
        List<double[]> groups = used.stream()
                .map(w -> IntStream.range(0, w.critical().size()).asDoubleStream().toArray()).toList();
        Bootstrap.Interval b = Bootstrap.stratified(groups, g -> weightedRho(used, g), s.resamples(), s.alpha(),
                s.seed("F14", stat, subject));
        if (!Double.isFinite(b.estimate()) || Double.isNaN(b.low())) {
            return c.withVerdict(Verdict.UNDETERMINED, "Spearman rho is undefined (index fractions or losses all "
                    + "equal within a width, or in too many resamples)" + excluded);
        }
        Verdict v = b.low() > 0 ? Verdict.CONSISTENT : b.high() <= 0 ? Verdict.INCONSISTENT : Verdict.UNDETERMINED;
        String why = switch (v) {
            case CONSISTENT -> "the " + s.level() + " interval lies above 0: higher loss, higher index";
            case INCONSISTENT -> "the " + s.level() + " interval lies at or below 0";
            case UNDETERMINED -> "the " + s.level() + " interval contains 0";
        };
        return c.withValue(b.estimate()).withInterval(b.low(), b.high()).withTest(test.withP(b.pValue()))
                .withVerdict(v, String.format("rho = %.3f over %d width(s); %s%s", b.estimate(), used.size(), why,
                        excluded));
    }

    /** Mean of per-width Spearman rho over the resampled critical points, weighted by their number. */
    static double weightedRho(List<HessianComparisons.Width> used, List<double[]> picks) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < used.size(); i++) {
            List<NetworkHessian> c = used.get(i).critical();
            double[] pick = picks.get(i);
            double[] loss = new double[pick.length];
            double[] index = new double[pick.length];
            for (int j = 0; j < pick.length; j++) {
                NetworkHessian n = c.get((int) pick[j]);
                loss[j] = n.finalTrainLoss();
                index[j] = n.negativeFraction();
            }
            double rho = new SpearmansCorrelation().correlation(loss, index);
            sum += pick.length * rho;
            weight += pick.length;
        }
        return sum / weight;
    }
}
