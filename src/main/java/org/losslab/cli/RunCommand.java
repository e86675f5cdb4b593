package org.losslab.cli;

import java.util.concurrent.Callable;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code losslab run SPEC [--set k=v ...] [--dry-run]}: validates the spec, its data and its memory needs
 * before anything is written, prints its plan (docs/operations.md "The plan"), then runs the job to its end
 * (or until stopped); with {@code --dry-run} only the plan, writing nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job spec (e.g. jobs/quickstart.yaml).")
class RunCommand implements Callable<Integer> {

    @Mixin
    SpecOptions spec;

    @Option(names = "--remote", description = "Send the partitions to remote workers ('losslab worker') instead of training them here.")
    boolean remote;

    @Option(names = "--dry-run", description = "Print the plan (work, projected CPU and wall time, memory, database "
            + "space) and exit; writes nothing, needs no database.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            JobSpec job = spec.read();
            SpecPreflight.checkMemory(job);
            RunPlans.printAndCheck(job);
            return org.losslab.ExitCodes.OK;
        }
        JobSpec job = spec.load();
        return ApplicationContexts.runJobCommand(remote, ctx -> {
            JobExecution execution = ctx.getBean(JobRunner.class).run(job, 1);
            int code = JobOutcome.report(execution);
            ReportCommand.afterJob(ctx, execution.getId());
            return code;
        });
    }
}
