package org.losslab.cli;

import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import org.losslab.job.JobRunner;
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
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open()) {
            try {
                ctx.getBean(JobRunner.class).stop(executionId);
            } catch (org.springframework.batch.core.launch.NoSuchJobExecutionException
                     | org.springframework.batch.core.launch.JobExecutionNotRunningException e) {
                System.err.println("losslab: execution " + executionId + " is not running");
                return ExitCodes.USAGE;
            }
            System.out.println("stop requested for execution " + executionId
                    + "; it ends STOPPED after the current epochs");
            return ExitCodes.OK;
        }
    }
}
