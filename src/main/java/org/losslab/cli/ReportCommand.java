package org.losslab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.job.JobRunner;
import org.losslab.report.MarkdownReportGenerator;
import org.losslab.report.ReportGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab report EXECUTION_ID | --last [--out DIR | --markdown DIR]}: writes the HTML report of an
 * execution (running, stopped, failed or completed) and prints the path of its index.html; with
 * {@code --markdown}, its published result page (README.md and PNG figures) and the page's path.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML report of an execution (figures, comparisons, SQL, provenance) and print its path.")
class ReportCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    ExecutionTarget target;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default reports/<job>-<execution>); new, empty or a previous report, replaced as a whole.")
    Path out;

    @Option(names = "--markdown", paramLabel = "DIR", description = "Write the published result page instead: DIR/README.md and the figures as PNG (docs/results/README.md); new, empty or a previous page, replaced as a whole.")
    Path markdown;

    @Override
    public Integer call() {
        target.validate();
        if (out != null) {
            try {
                ReportGenerator.checkOutputDirectory(out);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open(null, target.missingMessage())) {
            Long id = target.resolve(ctx.getBean(JobRunner.class));
            if (id == null) {
                System.err.println("losslab: there is no execution to report on");
                return ExitCodes.USAGE;
            }
            ReportGenerator reports = ctx.getBean(ReportGenerator.class);
            String jobName;
            try {
                jobName = reports.jobName(id);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e); // no such execution
            }
            if (markdown != null) {
                if (out != null) {
                    throw new BadInputException("--out and --markdown are two outputs: give one");
                }
                try {
                    System.out.println(ctx.getBean(MarkdownReportGenerator.class).write(id, markdown));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage(), e); // no experiment to publish
                }
                return ExitCodes.OK;
            }
            Path dir = out != null ? out : ReportGenerator.defaultDirectory(jobName, id);
            try {
                System.out.println(reports.write(id, dir));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e); // the directory could not be used
            }
            return ExitCodes.OK;
        }
    }

    /**
     * After {@code run} or {@code restart}: writes the execution's report to the default directory and
     * prints where. A report failure is printed but never changes the job's exit code.
     */
    static void afterJob(ConfigurableApplicationContext ctx, long executionId) {
        try {
            ReportGenerator reports = ctx.getBean(ReportGenerator.class);
            Path index = reports.write(executionId, ReportGenerator.defaultDirectory(reports.jobName(executionId), executionId));
            System.out.println("report: " + index);
        } catch (RuntimeException e) {
            System.err.println("losslab: the report could not be written: " + e.getMessage()
                    + " (retry with: ./losslab report " + executionId + ")");
        }
    }
}
