package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.comparison.Comparison.Verdict;

/**
 * The He–Wang–Tao certificates as verdicts (findings F9–F11; docs/science.md §D.5, §E.3). A certificate is a
 * deterministic check with stated tolerances, not a statistical test: passed is consistent, failed
 * inconsistent, vacuous (the claim does not apply, e.g. the in-cell optimum lies on the cell boundary, so the
 * open cell holds no minimum) undetermined. Controls (negative control, linear network, two hidden layers) are
 * shown without a verdict; a failed negative control makes the spurious-minimum verdict of its data set
 * undetermined, since the certifier then accepted a point that is not a minimum.
 */
public final class CellComparisons {

    static final Map<String, String> FINDING = Map.of(
            "spurious-minimum", "F9", "spurious-minimum-negative-control", "F9", "linear-control", "F9",
            "valley", "F10",
            "in-cell-1-hidden", "F11", "in-cell-1-hidden-interior", "F11", "in-cell-2-hidden-control", "F11");

    private CellComparisons() {
    }

    public static List<Comparison> compare(List<CertificateRow> rows, String source) {
        List<Comparison> out = new ArrayList<>();
        for (CertificateRow r : rows) {
            String finding = FINDING.getOrDefault(r.certificate(), "F9-F11");
            ComparisonInputs in = ComparisonInputs.of(source + ", " + r.dataset() + " / " + r.certificate(),
                    List.of(r.canonical())).withSampleSizes(r.checks(), 1, r.checks());
            Comparison c = Comparison.describe(finding, r.certificate(), r.dataset(), (double) r.failed(), in)
                    .withTest(StatTest.deterministic("deterministic certificate (science.md §D.5): failed checks of "
                            + r.checks()));
            String why = r.outcome() + (r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason());
            if (isControl(r.certificate())) {
                out.add(c.withVerdict(null, "control, no verdict: " + why));
                continue;
            }
            Verdict v = switch (r.outcome()) {
                case "passed" -> Verdict.CONSISTENT;
                case "failed" -> Verdict.INCONSISTENT;
                default -> Verdict.UNDETERMINED;
            };
            if ("spurious-minimum".equals(r.certificate()) && negativeControlFailed(rows, r.dataset())) {
                v = Verdict.UNDETERMINED;
                why += "; the negative control failed (the certifier accepted a point that is not a minimum)";
            }
            out.add(c.withVerdict(v, why));
        }
        return out;
    }

    static boolean isControl(String certificate) {
        return certificate.endsWith("-control");
    }

    private static boolean negativeControlFailed(List<CertificateRow> rows, String dataset) {
        return rows.stream().anyMatch(x -> x.dataset().equals(dataset)
                && "spurious-minimum-negative-control".equals(x.certificate()) && !"passed".equals(x.outcome()));
    }
}
