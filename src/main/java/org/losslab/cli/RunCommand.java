package org.losslab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import org.losslab.job.JobRefusedException;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab run SPEC [--set k=v ...]}: validates the spec, its data and its memory needs before
 * anything is written, then runs the job to its end (or until stopped).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job spec (e.g. jobs/quickstart.yaml).")
class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Job spec YAML file.")
    Path spec;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec value, e.g. training.epochs=8.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--remote", description = "Send the partitions to remote workers ('losslab worker') instead of training them here.")
    boolean remote;

    @Override
    public Integer call() throws Exception {
        JobSpec job = JobSpec.load(spec, overrides);
        SpecPreflight.check(job);
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open(remote ? "manager" : null)) {
            var execution = ctx.getBean(JobRunner.class).run(job, 1);
            int code = JobOutcome.report(execution);
            ReportCommand.afterJob(ctx, execution.getId());
            return code;
        } catch (JobRefusedException e) {
            System.err.println("losslab: " + e.getMessage());
            return ExitCodes.BUSY;
        }
    }
}
