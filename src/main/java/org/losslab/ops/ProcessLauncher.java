package org.losslab.ops;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches {@code losslab rerun SPEC} as a child process of the scheduler, with the same JVM,
 * options and jar or class path as the scheduler itself. Each scheduled run thus has its own JVM
 * (its own memory, native threads and SIGTERM handling), and a crash of one run never takes the
 * scheduler down. The child's output goes to the scheduler's; its exit code is logged.
 */
public final class ProcessLauncher implements Scheduler.Launcher {

    private static final Logger log = LoggerFactory.getLogger(ProcessLauncher.class);

    private final List<String> extraArgs;

    public ProcessLauncher(List<String> extraArgs) {
        this.extraArgs = extraArgs;
    }

    @Override
    public Scheduler.Launch launch(Path spec) {
        List<String> cmd = selfCommand();
        cmd.add("rerun");
        cmd.add(spec.toString());
        cmd.addAll(extraArgs);
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            log.info("{}: launched as process {}", spec, p.pid());
            p.onExit().thenAccept(done -> log.info("{}: process {} exited with code {} ({})", spec, done.pid(),
                    done.exitValue(), meaning(done.exitValue())));
            return new Scheduler.Launch() {
                @Override
                public boolean running() {
                    return p.isAlive();
                }

                @Override
                public void stop() {
                    p.destroy();
                    try {
                        if (!p.waitFor(10, TimeUnit.MINUTES)) {
                            log.warn("{}: process {} did not stop within 10 min; leaving it", spec, p.pid());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        } catch (java.io.IOException e) {
            log.error("{}: could not launch: {}", spec, e.getMessage());
            return new Scheduler.Launch() {
                @Override
                public boolean running() {
                    return false;
                }

                @Override
                public void stop() {
                }
            };
        }
    }

    /** java, the JVM options of this process, then -jar JAR or -cp CLASSPATH MAIN. */
    static List<String> selfCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        String main = System.getProperty("sun.java.command", "org.losslab.cli.Main").split(" ")[0];
        if (main.endsWith(".jar")) {
            cmd.add("-jar");
            cmd.add(main);
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(main);
        }
        return cmd;
    }

    private static String meaning(int code) {
        return switch (code) {
            case 0 -> "completed";
            case 1 -> "failed, restartable";
            case 2 -> "bad spec or data";
            case 3 -> "stopped, restartable";
            case 4 -> "refused: a run of this spec is still going elsewhere";
            case 5 -> "database or broker unreachable";
            default -> "killed or crashed";
        };
    }
}
