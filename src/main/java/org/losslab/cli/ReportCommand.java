package org.losslab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.job.JobRunner;
import org.losslab.job.ProgressMonitor;
import org.losslab.pipeline.StageProgress;
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
                    MarkdownReportGenerator pages = ctx.getBean(MarkdownReportGenerator.class);
                    System.out.println(showingProgress(done -> pages.write(id, markdown, done)));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage(), e); // no experiment to publish
                }
                return ExitCodes.OK;
            }
            Path dir = out != null ? out : ReportGenerator.defaultDirectory(jobName, id);
            try {
                System.out.println(showingProgress(done -> reports.write(id, dir, done)));
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
            Path dir = ReportGenerator.defaultDirectory(reports.jobName(executionId), executionId);
            Path index = showingProgress(done -> reports.write(executionId, dir, done));
            System.out.println("report: " + index);
        } catch (RuntimeException e) {
            System.err.println("losslab: the report could not be written: " + e.getMessage()
                    + " (retry with: ./losslab report " + executionId + ")");
        }
    }

    /**
     * Runs {@code write} (given what to call after each part) under the progress display of long stages: one
     * line {@code report done/total parts} on a terminal, ended before the path is printed; a log line every
     * 30 s otherwise (the report of a large execution draws for tens of seconds).
     */
    static Path showingProgress(Function<Runnable, Path> write) {
        AtomicLong done = new AtomicLong();
        long total = ReportGenerator.parts();
        ProgressMonitor monitor = new ProgressMonitor(() -> List.of(new StageProgress("report", "parts", done.get(), total)));
        try {
            Path written = write.apply(done::incrementAndGet);
            done.set(total); // a report without an experiment has fewer parts
            return written;
        } finally {
            try {
                monitor.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
