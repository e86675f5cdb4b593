package org.losslab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One paragraph per decided finding for the Markdown page, generated from the same rows and rule as the
 * report's verdict lines ({@link VerdictSection}): the claim, the verdict, the deciding statistic with its
 * interval and n, the paper's value where one is stored, and a sentence saying whether the numbers agree with
 * the statement, disagree with it, or cannot decide; a reconstructed expectation (science.md §E.2 [RECON]) is
 * said to be one, so a disagreement with it is not presented as one with the paper. Template text only: every
 * number comes from the rows.
 */
final class FindingParagraphs {

    private FindingParagraphs() {
    }

    static List<String> of(List<VerdictSection.Line> lines, List<Map<String, Object>> rows, double alpha) {
        List<String> out = new ArrayList<>();
        String level = "α = " + VerdictSection.short4(alpha);
        for (VerdictSection.Line l : lines) {
            if (l.verdict() == null) {
                continue;
            }
            Map<String, Object> deciding = rows.stream().filter(r -> l.finding().equals(r.get("finding"))
                    && l.verdict().equals(r.get("verdict"))).findFirst().orElse(null);
            StringBuilder p = new StringBuilder("**").append(l.finding()).append(". ").append(l.claim()).append(".** ")
                    .append("Verdict: **").append(l.verdict()).append("**, decided by ").append(l.deciding())
                    .append(" (n = ").append(l.n()).append(")");
            if (!l.tally().isEmpty()) {
                p.append("; ").append(l.tally());
            }
            p.append(". ");
            String statement = l.reconstruction()
                    ? "the expected pattern (reconstructed in science.md, not quoted from the paper)"
                    : "the paper's statement";
            switch (l.verdict()) {
                case "consistent" -> p.append("The numbers agree with ").append(statement).append(" at ").append(level)
                        .append(".");
                case "inconsistent" -> p.append("The numbers disagree with ").append(statement).append(" at ").append(level)
                        .append(l.reconstruction() ? ", which is a disagreement with the reconstruction; the paper's own "
                                + "claim is not quoted there." : ": where the paper states it, this run does not reproduce it.");
                default -> p.append("The numbers cannot decide whether ").append(statement).append(" holds at ")
                        .append(level).append(note(deciding));
            }
            if (deciding != null && deciding.get("reference") instanceof Number ref) {
                p.append(" The reference value is ").append(VerdictSection.fmt(ref)).append(" (")
                        .append(deciding.get("reference_source")).append(") against ")
                        .append(VerdictSection.fmt(deciding.get("value"))).append(" here.");
            }
            out.add(p.toString());
        }
        return out;
    }

    private static String note(Map<String, Object> deciding) {
        Object note = deciding == null ? null : deciding.get("note");
        return note == null || note.toString().isBlank() ? "." : ": " + note + ".";
    }
}
