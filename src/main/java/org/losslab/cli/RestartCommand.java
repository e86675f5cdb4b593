package org.losslab.cli;

import java.util.concurrent.Callable;
import org.losslab.NothingToRestartException;
import org.losslab.job.JobRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab restart EXECUTION_ID | --last}: resumes a failed, stopped or crashed execution from
 * its checkpoints, with the spec it was started with.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume a failed, stopped or crashed execution where it stopped.")
class RestartCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    ExecutionTarget target;

    @Option(names = "--remote", description = "Send the unfinished partitions to remote workers ('losslab worker').")
    boolean remote;

    @Option(names = "--require-same-numerics",
            description = "Refuse (exit 2) instead of warning when this process would compute with another build, ND4J"
                    + " backend, thread count, OpenBLAS kernel or batched path than the execution started with.")
    boolean requireSameNumerics;

    @Override
    public Integer call() throws Exception {
        target.validate();
        return ApplicationContexts.runJobCommand(remote, target.missingMessage(), target.last, ctx -> {
            JobRunner runner = ctx.getBean(JobRunner.class);
            Long id = target.resolve(runner);
            if (id == null) {
                throw new NothingToRestartException("there is no execution to restart; run the spec");
            }
            var execution = runner.restart(id, requireSameNumerics);
            int code = JobOutcome.report(execution);
            ReportCommand.afterJob(ctx, execution.getId());
            return code;
        });
    }
}
