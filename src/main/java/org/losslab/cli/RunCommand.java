package org.losslab.cli;

import java.util.concurrent.Callable;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code losslab run SPEC [--set k=v ...]}: validates the spec, its data and its memory needs before
 * anything is written, then runs the job to its end (or until stopped).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job spec (e.g. jobs/quickstart.yaml).")
class RunCommand implements Callable<Integer> {

    @Mixin
    SpecOptions spec;

    @Option(names = "--remote", description = "Send the partitions to remote workers ('losslab worker') instead of training them here.")
    boolean remote;

    @Override
    public Integer call() throws Exception {
        JobSpec job = spec.load();
        return ApplicationContexts.runJobCommand(remote, ctx -> {
            JobExecution execution = ctx.getBean(JobRunner.class).run(job, 1);
            int code = JobOutcome.report(execution);
            ReportCommand.afterJob(ctx, execution.getId());
            return code;
        });
    }
}
