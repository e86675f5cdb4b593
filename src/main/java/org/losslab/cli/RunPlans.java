package org.losslab.cli;

import java.util.Optional;
import org.losslab.BadInputException;
import org.losslab.data.MnistShape;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.pipeline.data.DataPlan;
import org.losslab.plan.Calibration;
import org.losslab.plan.MachineRates;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.RunPlan;
import org.losslab.plan.StoredBenchmark;
import org.losslab.spec.JobSpec;
import org.losslab.store.DatabaseSettings;

/**
 * The plan printed (to stderr) before every run and by {@code run --dry-run} (docs/operations.md "The
 * plan"): the data split from the IDX headers, the machine's rates from its latest stored
 * {@code bench training} on a configured server (read-only) or else from a calibration of a few seconds
 * (done once per process; the embedded database is never started for it), and the refusal of a run
 * beyond {@code plan.max_cpu_hours} (exit 2). Nothing here writes.
 */
final class RunPlans {

    private static MachineRates calibrated;

    private RunPlans() {
    }

    /** Plans the spec, prints the plan, refuses it (BadInputException) when it exceeds a plan limit. */
    static RunPlan printAndCheck(JobSpec job) {
        quietLogging();
        MnistShape data = job.needsData() ? DataPlan.shape(job.data()) : null;
        RunPlan plan;
        try {
            plan = RunPlan.of(job, new PlanInputs(data, NumericsEnvironment.partitionThreads()), rates());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        plan.lines().forEach(System.err::println);
        try {
            plan.checkLimits();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return plan;
    }

    static MachineRates rates() {
        DatabaseSettings db = DatabaseSettings.fromEnvironment();
        if (!db.embedded()) {
            Optional<MachineRates> stored = StoredBenchmark.latest(db.url(), db.user(), db.password());
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return calibration();
    }

    private static synchronized MachineRates calibration() {
        if (calibrated == null) {
            NumericsEnvironment.configure();
            calibrated = Calibration.measure();
        }
        return calibrated;
    }

    /**
     * Before Spring configures logging (application.properties: root WARN), logback's default would print
     * ND4J's start-up INFO lines on stdout, which is for command results; Spring resets this when it starts.
     */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root
                && root.isInfoEnabled()) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
