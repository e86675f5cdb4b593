package org.losslab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code losslab} command and its subcommands. */
@Command(name = "losslab", mixinStandardHelpOptions = true, version = "losslab 0.1.0",
        description = "Restartable experiments on the loss surfaces of neural networks (Spring Batch on PostgreSQL).",
        subcommands = {RunCommand.class, RestartCommand.class, StatusCommand.class, StopCommand.class, RerunCommand.class,
                ScheduleCommand.class, WorkerCommand.class, TheoryCommand.class, BenchCommand.class, ReportCommand.class,
                SqlCommand.class, DbCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:completed", "1:failed (restartable)", "2:usage or input error (nothing written)",
                "3:stopped (restartable)", "4:refused: another live process owns the job (or a run of the spec is still going), or it is already done",
                "5:database (or, with --remote and for workers, the RabbitMQ broker) unreachable"})
public class LosslabCommand {

    /** The system property through which Spring Boot writes structured (JSON lines) console logs. */
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    /** Spring Boot's logging configuration file: logback.xml (text on stderr) unless json is asked for. */
    static final String LOG_CONFIG = "logging.config";

    @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT, defaultValue = "${env:LOSSLAB_LOG_FORMAT:-text}",
            description = "Logs as human-readable lines (text, the default) or JSON lines (json: one Logstash-style "
                    + "object per line, for log collectors). Also LOSSLAB_LOG_FORMAT.")
    void logFormat(String format) {
        switch (format) {
            case "text" -> {
                System.clearProperty(STRUCTURED_CONSOLE);
                System.clearProperty(LOG_CONFIG);
            }
            case "json" -> {
                System.setProperty(STRUCTURED_CONSOLE, "logstash");
                System.setProperty(LOG_CONFIG, "classpath:logback-json.xml");
            }
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--log-format must be text or json, not '" + format + "'");
        }
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On a failure, append the stack trace to a debug log (LOSSLAB_DEBUG_LOG, default "
                    + "losslab-debug.log in the temp directory) and show Spring's start-up failure logs.")
    void debug(boolean on) {
        if (on) {
            System.setProperty(Failures.DEBUG, "true");
            System.setProperty("logging.level.org.springframework.boot.SpringApplication", "ERROR");
            System.setProperty("logging.level.org.springframework.boot.diagnostics", "ERROR");
            System.setProperty("logging.level.org.springframework.context", "WARN");
            System.setProperty("logging.level.org.springframework.boot.web.server.servlet.context", "WARN");
            System.setProperty("logging.pattern.console", "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%ex");
        }
    }
}
