package org.losslab.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.losslab.spec.JobSpec;

/**
 * What a run will do and cost, stage by stage (docs/operations.md "The plan"): every
 * {@link StagePlan} the spec runs, in job order, priced at this machine's {@link MachineRates}. Printed
 * before every run and by {@code run --dry-run}; a projection beyond {@code plan.max_cpu_hours} is refused.
 *
 * @param spec    the spec planned
 * @param inputs  its data split and partition threads
 * @param rates   the machine's rates and where they come from
 * @param stages  one estimate per stage that runs, in job order
 */
public record RunPlan(JobSpec spec, PlanInputs inputs, MachineRates rates, List<StageEstimate> stages) {

    public RunPlan {
        stages = List.copyOf(stages);
    }

    /** The plan from every stage estimate on the class path ({@code META-INF/services}). */
    public static RunPlan of(JobSpec spec, PlanInputs inputs, MachineRates rates) {
        List<StagePlan> planners = new ArrayList<>();
        ServiceLoader.load(StagePlan.class, StagePlan.class.getClassLoader()).forEach(planners::add);
        return of(spec, inputs, rates, planners);
    }

    public static RunPlan of(JobSpec spec, PlanInputs inputs, MachineRates rates, List<StagePlan> planners) {
        List<StageEstimate> out = planners.stream().filter(p -> p.runs(spec))
                .sorted(Comparator.comparingInt(StagePlan::order)).map(p -> p.estimate(spec, inputs)).toList();
        return new RunPlan(spec, inputs, rates, out);
    }

    public double cpuSeconds() {
        return stages.stream().mapToDouble(s -> s.cpuSeconds(rates)).sum();
    }

    /** Stages run one after another, so their wall times add up. */
    public double wallSeconds() {
        return stages.stream().mapToDouble(s -> s.wallSeconds(rates, inputs.threads())).sum();
    }

    /** Stages run one after another, so the peak is the largest stage's. */
    public long peakMemory() {
        return stages.stream().mapToLong(StageEstimate::peakMemory).max().orElse(0);
    }

    public long dbBytes() {
        return stages.stream().mapToLong(StageEstimate::dbBytes).sum();
    }

    public long dbRows() {
        return stages.stream().mapToLong(StageEstimate::dbRows).sum();
    }

    /** The estimate of stage {@code name}, e.g. {@code train}. */
    public StageEstimate stage(String name) {
        return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan has no stage " + name));
    }

    /**
     * Refuses a run whose projected CPU time exceeds {@code plan.max_cpu_hours}: an IllegalArgumentException
     * whose one-line message names the key, the projection and the stage that dominates.
     */
    public void checkLimits() {
        double hours = cpuSeconds() / 3600;
        double limit = spec.plan().maxCpuHours();
        if (hours > limit) {
            StageEstimate worst = stages.stream().max(Comparator.comparingDouble(s -> s.cpuSeconds(rates))).orElseThrow();
            throw new IllegalArgumentException(String.format("plan.max_cpu_hours=%s: the run is projected to take %s of "
                    + "CPU time (%s: %s), above the limit; reduce the work or raise plan.max_cpu_hours",
                    PlanFormat.number(limit), PlanFormat.duration(cpuSeconds()), worst.stage(), worst.summary()));
        }
    }

    /** The plan for people, one line per stage and work item, then the totals and the source of the rates. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("plan: %s (spec %s), %d partition thread%s, rates from %s", spec.name(),
                spec.shortHash(), inputs.threads(), inputs.threads() == 1 ? "" : "s", rates.source()));
        for (StageEstimate s : stages) {
            out.add(String.format("plan: %-18s %s", s.stage(), s.summary()));
            if (!s.work().isEmpty()) {
                out.add(String.format("plan: %-18s   cpu %s, wall %s, peak memory %s, database %s in %s rows", "",
                        PlanFormat.duration(s.cpuSeconds(rates)), PlanFormat.duration(s.wallSeconds(rates, inputs.threads())),
                        PlanFormat.bytes(s.peakMemory()), PlanFormat.bytes(s.dbBytes()), PlanFormat.count(s.dbRows())));
            }
            if (s.work().size() > 1) {
                for (Work w : s.work()) {
                    out.add(String.format("plan: %-18s   - %s: cpu %s at %.2f GFLOP/s", "", w.what(),
                            PlanFormat.duration(w.cpuSeconds(rates)), rates.gflops(w.kernel(), w.shape())));
                }
            }
            for (String note : s.notes()) {
                out.add(String.format("plan: %-18s   note: %s", "", note));
            }
        }
        out.add(String.format("plan: total: cpu %s, wall %s on this machine, peak memory %s, database %s in %s rows"
                        + " (limit plan.max_cpu_hours=%s)", PlanFormat.duration(cpuSeconds()),
                PlanFormat.duration(wallSeconds()), PlanFormat.bytes(peakMemory()), PlanFormat.bytes(dbBytes()),
                PlanFormat.count(dbRows()), PlanFormat.number(spec.plan().maxCpuHours())));
        return out;
    }
}
