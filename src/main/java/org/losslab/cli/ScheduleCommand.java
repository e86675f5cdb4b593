package org.losslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.losslab.ExitCodes;
import org.losslab.ops.ProcessLauncher;
import org.losslab.ops.Scheduler;
import org.losslab.spec.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code losslab schedule}: a long-lived process that launches the specs in {@code jobs/} that
 * carry a {@code schedule:} cron expression, each firing as {@code losslab rerun SPEC} (a fresh
 * job instance) in a child process, never while the previous launch of that spec still runs. It
 * holds no database connection itself; the child refuses (exit 4) if the spec runs elsewhere.
 * SIGTERM or Ctrl-C stops it: running launches are stopped gracefully (STOPPED, restartable).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Launch the specs in jobs/ that have a 'schedule:' cron expression, at their times (runs until SIGTERM).")
class ScheduleCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

    @Option(names = "--jobs", paramLabel = "DIR", description = "Directory of job specs (default ${DEFAULT-VALUE}).",
            defaultValue = "jobs")
    Path jobs;

    @Option(names = "--remote", description = "Launch the runs with --remote (partitions to 'losslab worker's).")
    boolean remote;

    @Override
    public Integer call() throws Exception {
        Map<Path, CronExpression> specs = scheduledSpecs(jobs);
        if (specs.isEmpty()) {
            System.err.println("losslab: no spec in " + jobs + " has a 'schedule:' key; nothing to schedule");
            return ExitCodes.USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        // no database here: a bare Spring context only so logging is set up as in every command (--log-format)
        try (ConfigurableApplicationContext logging = new SpringApplicationBuilder(LoggingOnly.class)
                .web(WebApplicationType.NONE).registerShutdownHook(false).logStartupInfo(false).run()) {
            Scheduler scheduler = new Scheduler(specs, Clock.systemDefaultZone(),
                    new ProcessLauncher(remote ? List.of("--remote") : List.of()));
            while (!stop.await(1, TimeUnit.SECONDS)) {
                scheduler.tick();
            }
            log.warn("schedule stopping: running launches are asked to stop gracefully");
            scheduler.stopAll();
        }
        return ExitCodes.OK;
    }

    /** An empty configuration: the scheduler's Spring context only configures logging. */
    @Configuration(proxyBeanMethods = false)
    static class LoggingOnly {
    }

    static Map<Path, CronExpression> scheduledSpecs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new org.losslab.BadInputException(dir + ": not a directory of job specs");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList());
        }
        Map<Path, CronExpression> out = new LinkedHashMap<>();
        for (Path f : files) {
            Schedule.of(f).ifPresent(cron -> out.put(f, cron));
        }
        return out;
    }
}
