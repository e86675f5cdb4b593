package org.losslab.cells;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one certificate: its name, the science.md section it tests, the settings used,
 * every measured number (insertion ordered), the pass/fail criteria, and, if the claim does not apply
 * to the case at hand, why ({@code vacuousReason}). {@link #outcome()}: vacuous if a reason is given,
 * report-only if there are no checks (a control: it can never pass), passed iff every check passed,
 * failed otherwise.
 */
public record CertificateResult(String certificate, String reference, Map<String, String> settings,
                                Map<String, Double> measurements, List<Check> checks, long elapsedMillis,
                                String vacuousReason) {

    /** What a certificate established (column {@code cell_certificate.outcome}). */
    public enum Outcome {
        PASSED, FAILED, VACUOUS, REPORT_ONLY;

        public String sql() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public CertificateResult {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        checks = List.copyOf(checks);
    }

    public CertificateResult(String certificate, String reference, Map<String, String> settings,
                             Map<String, Double> measurements, List<Check> checks, long elapsedMillis) {
        this(certificate, reference, settings, measurements, checks, elapsedMillis, null);
    }

    /** The same result, marked vacuous: the claim it tests does not apply here, whatever the checks say. */
    public CertificateResult vacuous(String reason) {
        return new CertificateResult(certificate, reference, settings, measurements, checks, elapsedMillis, reason);
    }

    public Outcome outcome() {
        if (vacuousReason != null) {
            return Outcome.VACUOUS;
        }
        if (checks.isEmpty()) {
            return Outcome.REPORT_ONLY;
        }
        return checks.stream().allMatch(Check::pass) ? Outcome.PASSED : Outcome.FAILED;
    }

    /** Why the outcome is what it is, when the checks alone do not say (vacuous, report-only); else null. */
    public String outcomeReason() {
        return switch (outcome()) {
            case VACUOUS -> vacuousReason;
            case REPORT_ONLY -> "no checks: measurements are reported only";
            default -> null;
        };
    }

    /** True only for {@link Outcome#PASSED}: a vacuous certificate or one with no checks never passes. */
    public boolean passed() {
        return outcome() == Outcome.PASSED;
    }

    public Check check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + name + " in " + certificate));
    }

    public double measurement(String name) {
        Double v = measurements.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no measurement " + name + " in " + certificate);
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(outcome()).append(' ').append(certificate).append(" (").append(reference).append(", ")
                .append(elapsedMillis).append(" ms) ").append(settings).append('\n');
        if (outcomeReason() != null) {
            sb.append("  ").append(outcomeReason()).append('\n');
        }
        measurements.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        checks.forEach(c -> sb.append("  ").append(c).append('\n'));
        return sb.toString();
    }
}
