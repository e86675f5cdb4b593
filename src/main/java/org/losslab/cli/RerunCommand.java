package org.losslab.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import org.losslab.job.JobRunner;
import org.losslab.ops.SpecInstances;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code losslab rerun SPEC}: a fresh job instance of a spec (the next instance number: new
 * execution, new run keys {@code …/rerun-N/…}, every network trained again from its seed), unlike
 * {@code restart}, which resumes an unfinished execution of an existing instance. Refused (exit 4)
 * while a run of the spec is still going anywhere. Scheduled launches are reruns.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Start a fresh instance of a spec (e.g. one that already completed), with a new run id.")
class RerunCommand implements Callable<Integer> {

    @Mixin
    SpecOptions spec;

    @Option(names = "--remote", description = "Send the partitions to remote workers ('losslab worker').")
    boolean remote;

    @Override
    public Integer call() throws Exception {
        JobSpec job = spec.load();
        return ApplicationContexts.runJobCommand(remote, ctx -> {
            SpecInstances instances = ctx.getBean(SpecInstances.class);
            Optional<String> running = instances.running(job.name());
            if (running.isPresent()) {
                System.err.println("losslab: spec " + job.name() + " is still running: " + running.get()
                        + "; not starting another instance");
                return ExitCodes.BUSY;
            }
            long k = instances.nextInstance(job);
            if (k > 1) {
                instances.lastExecution(job, k - 1).filter(e -> e.getStatus() != BatchStatus.COMPLETED)
                        .ifPresent(e -> System.out.printf("note: instance %d ended %s (execution %d); it stays "
                                + "resumable with 'losslab restart %d'%n", k - 1, e.getStatus(), e.getId(), e.getId()));
            }
            System.out.printf("%s: starting instance %d%n", job.name(), k);
            JobExecution execution = ctx.getBean(JobRunner.class).run(job, k);
            int code = JobOutcome.report(execution);
            ReportCommand.afterJob(ctx, execution.getId());
            return code;
        });
    }
}
