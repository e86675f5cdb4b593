package org.losslab.spec;

/**
 * The {@code plan:} section: limits under which a run is refused before it starts (exit 2), checked
 * against the projection printed before every run (docs/operations.md "The plan").
 *
 * @param maxCpuHours the largest projected CPU time, in hours, a run may take
 */
public record PlanSpec(double maxCpuHours) {

    public static final double DEFAULT_MAX_CPU_HOURS = 10_000;

    static PlanSpec read(SpecTree t) {
        return new PlanSpec(t.number("plan.max_cpu_hours", DEFAULT_MAX_CPU_HOURS, 1e-6, 1e9));
    }
}
