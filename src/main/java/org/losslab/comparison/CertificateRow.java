package org.losslab.comparison;

/**
 * One He–Wang–Tao certificate of view {@code v_cell_certificates} (docs/science.md §D.5): its outcome
 * (passed, failed, vacuous, report-only), why, and how many checks it has and failed.
 */
public record CertificateRow(String dataset, String certificate, String outcome, String reason, int checks,
                             int failed) {

    String canonical() {
        return String.join("\t", dataset, certificate, outcome, String.valueOf(reason), String.valueOf(checks),
                String.valueOf(failed));
    }
}
