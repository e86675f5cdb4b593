package org.losslab.cli;

import java.util.concurrent.Callable;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.job.JobRunner;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code losslab stop EXECUTION_ID}: asks a running execution to stop after its current epochs. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a running execution gracefully.")
class StopCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXECUTION_ID")
    long executionId;

    @Override
    public Integer call() throws Exception {
        ExecutionTarget.checkId(executionId);
        String missing = "no job execution " + executionId + " in this database";
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open(null, missing)) {
            JobExecution execution = ctx.getBean(JobRunner.class).find(executionId).orElse(null);
            if (execution == null) {
                throw new BadInputException(missing);
            }
            if (!execution.isRunning()) {
                throw new BadInputException("execution " + executionId + " is " + execution.getStatus() + ", not running");
            }
            try {
                ctx.getBean(JobRunner.class).stop(executionId);
            } catch (org.springframework.batch.core.launch.NoSuchJobExecutionException
                     | org.springframework.batch.core.launch.JobExecutionNotRunningException e) {
                throw new BadInputException("execution " + executionId + " is not running", e);
            }
            System.out.println("stop requested for execution " + executionId
                    + "; it ends STOPPED after the current epochs");
            return ExitCodes.OK;
        }
    }
}
