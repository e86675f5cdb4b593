package org.losslab.cells;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one certificate: its name, the science.md section it tests, the settings used,
 * every measured number (insertion ordered) and the pass/fail criteria. {@link #passed()} is true
 * iff every check passed; a record with no checks (a report-only control) counts as passed.
 */
public record CertificateResult(String certificate, String reference, Map<String, String> settings,
                                Map<String, Double> measurements, List<Check> checks, long elapsedMillis) {

    public CertificateResult {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::pass);
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
        sb.append(passed() ? "PASSED " : "FAILED ").append(certificate).append(" (").append(reference).append(", ")
                .append(elapsedMillis).append(" ms) ").append(settings).append('\n');
        measurements.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        checks.forEach(c -> sb.append("  ").append(c).append('\n'));
        return sb.toString();
    }
}
