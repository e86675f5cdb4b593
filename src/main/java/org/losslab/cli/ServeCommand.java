package org.losslab.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.serve.ServeConfiguration;
import org.losslab.store.DatabaseConfiguration;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab serve [--port N] [--bind ADDRESS]}: the read-only web view of the results database
 * (docs/operations.md, "Live view") until Ctrl-C. After the schema migration every command does at start-up,
 * every database connection is read-only; a bad port or address, or a port in use, is one line and exit 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only web view of the results database (executions, live progress and loss curves, "
                + "verdicts and figures) at http://127.0.0.1:8080/ until Ctrl-C.",
                "Beyond localhost (--bind), point LOSSLAB_DB_URL at the analyst role: see docs/operations.md, Live view."})
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port, 1-65535 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 = every interface).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext ctx = open(bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ctx.close();
            stopped.countDown();
        }, "losslab-serve-stop"));
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.println("http://" + host + ":" + port + "/");
        System.out.flush();
        System.err.println("losslab: serving a read-only view of the " + org.losslab.store.DatabaseSettings.fromEnvironment()
                .describe() + " until Ctrl-C");
        stopped.await();
        return ExitCodes.OK;
    }

    /** Checks the address and port, then starts losslab's context with the web layer, reading only. */
    static ConfigurableApplicationContext open(String bind, int port) {
        InetAddress address = checkListenable(bind, port);
        try {
            return ApplicationContexts.openWeb(ServeConfiguration.class,
                    "--server.address=" + address.getHostAddress(), "--server.port=" + port,
                    "--" + DatabaseConfiguration.READ_ONLY + "=true");
        } catch (RuntimeException e) {
            if (Causes.find(e, PortInUseException.class) != null) {
                throw new BadInputException(inUse(bind, port), e);
            }
            throw e;
        }
    }

    private static String inUse(String bind, int port) {
        return "port " + port + " on " + bind + " is in use (another losslab serve?): choose another with --port";
    }

    /** Bad input unless a server socket can listen on {@code bind}:{@code port} now. */
    static InetAddress checkListenable(String bind, int port) {
        if (port < 1 || port > 65535) {
            throw new BadInputException("--port must be between 1 and 65535, not " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new BadInputException("--bind " + bind + ": unknown host", e);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new BadInputException(inUse(bind, port), e);
            }
            throw new BadInputException("cannot listen on " + bind + " port " + port + " (" + e.getMessage() + ")", e);
        }
        return address;
    }
}
