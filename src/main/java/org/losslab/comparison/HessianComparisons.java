package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of the trained networks (docs/science.md §A.6, §E.2 F14–F15, rules §E.3). Only critical points
 * (gradient norm at most the stated threshold) have an index; the others are counted and described, never
 * used to decide:
 * <ul>
 *   <li>per width: networks analysed, critical, the mean negative-eigenvalue fraction of all endpoints
 *       (descriptive curvature) and of the critical ones (the index fraction);</li>
 *   <li>F14 "lower-loss critical points have lower index": {@link IndexLossCorrelation};</li>
 *   <li>F15 "the index fraction at the end of training decreases with width": {@link IndexWidthTrend}.</li>
 * </ul>
 * One-hidden-layer and H = 3 networks are compared separately and labelled apart.
 */
public final class HessianComparisons {

    static final String SOURCE = "v_network_hessian";

    private HessianComparisons() {
    }

    /** The widths of one depth, in increasing order, each with its networks sorted by run key. */
    record Width(int width, String subject, List<NetworkHessian> all, List<NetworkHessian> critical,
                 ComparisonInputs inputs) {
    }

    public static List<Comparison> compare(List<NetworkHessian> networks, ComparisonSettings s) {
        Map<Integer, Map<Integer, List<NetworkHessian>>> byDepth = new LinkedHashMap<>();
        networks.stream().sorted(Comparator.comparingInt(NetworkHessian::hiddenLayers)
                        .thenComparingInt(NetworkHessian::width).thenComparing(NetworkHessian::runKey))
                .forEach(n -> byDepth.computeIfAbsent(n.hiddenLayers(), d -> new LinkedHashMap<>())
                        .computeIfAbsent(n.width(), w -> new ArrayList<>()).add(n));
        List<Comparison> out = new ArrayList<>();
        byDepth.forEach((depth, widths) -> {
            List<Width> ws = new ArrayList<>();
            widths.forEach((w, nets) -> {
                List<NetworkHessian> critical = nets.stream().filter(NetworkHessian::critical).toList();
                ComparisonInputs in = ComparisonInputs.of(SOURCE + ", hidden width " + w + ", " + depth
                        + " hidden layer(s)", nets.stream().map(NetworkHessian::line).toList());
                ws.add(new Width(w, nets.get(0).subject(), nets, critical, in));
            });
            ws.forEach(w -> describe(out, w));
            String all = depth == 1 ? "all sizes" : "all sizes (H=" + (depth + 1) + ")";
            out.add(IndexLossCorrelation.compare(ws, all, s));
            out.add(IndexWidthTrend.compare(ws, all, s));
        });
        return out;
    }

    private static void describe(List<Comparison> out, Width w) {
        out.add(Comparison.describe("F14", "hessian_networks", w.subject(), (double) w.all().size(), w.inputs()));
        out.add(Comparison.describe("F14", "hessian_critical", w.subject(), (double) w.critical().size(), w.inputs()));
        out.add(Comparison.describe("F15", "negative_fraction_mean_all_endpoints", w.subject(),
                mean(w.all()), w.inputs()));
        out.add(Comparison.describe("F15", "index_fraction_mean", w.subject(), mean(w.critical()), w.inputs()));
    }

    static Double mean(List<NetworkHessian> nets) {
        return nets.isEmpty() ? null : nets.stream().mapToDouble(NetworkHessian::negativeFraction).average().orElseThrow();
    }

    /** Why a group is left out, or null: too few critical points for a claim (§E.3 rule 4). */
    static String tooFew(Width w) {
        int n = w.critical().size();
        return n >= ComparisonSettings.MIN_GROUP_SIZE ? null : w.subject() + " (" + n + " critical of " + w.all().size()
                + ")";
    }

    /**
     * The widths with enough critical points for a claim, the note naming those left out ("" or "; left out: …"),
     * and the inputs of every width: what F14 and F15 both decide from.
     */
    record Selection(List<Width> used, String excluded, ComparisonInputs inputs) {

        static Selection of(List<Width> widths, String subject) {
            List<Width> used = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (Width w : widths) {
                String why = tooFew(w);
                if (why == null) {
                    used.add(w);
                } else {
                    left.add(why);
                }
            }
            return new Selection(used, left.isEmpty() ? "" : "; left out: " + String.join(", ", left),
                    ComparisonInputs.combine(subject, widths.stream().map(Width::inputs).toList()));
        }
    }
}
