package org.losslab.cli;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.losslab.ExitCodes;
import org.losslab.store.DatabaseConfiguration;
import org.losslab.store.DatabaseSettings;
import org.losslab.store.EmbeddedDatabase;
import org.losslab.store.LibpqUrl;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/**
 * {@code losslab db url | serve}: the database for external tools (psql, DBeaver, pandas). The embedded
 * server runs only while a losslab process owns it, so {@code db serve} keeps one up until Ctrl-C and
 * {@code db url} names it only while it runs (docs/operations.md, querying the results).
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "The results database for external tools: url, serve.")
class DbCommand {

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = {"Print the libpq URL (postgresql://user@host:port/db; no password) for psql, DBeaver, pandas.",
                    "With the embedded database it exists only while its server runs (losslab db serve, or a job)."})
    int url() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            System.out.println(LibpqUrl.of(settings.url(), settings.user()));
            return ExitCodes.OK;
        }
        Optional<Integer> port = EmbeddedDatabase.runningPort(settings.embeddedDir());
        if (port.isEmpty()) {
            System.err.println("losslab: the embedded PostgreSQL in " + settings.embeddedDir()
                    + " is not running; start it with 'losslab db serve' (it runs until Ctrl-C), or use 'losslab sql'");
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        System.out.println(embeddedUrl(port.get()));
        return ExitCodes.OK;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the embedded PostgreSQL (schema migrated), print its URL and keep it up until Ctrl-C.")
    int serve() throws InterruptedException {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            System.err.println("losslab: LOSSLAB_DB_URL names a server that runs on its own; nothing to serve");
            System.out.println(LibpqUrl.of(settings.url(), settings.user()));
            return ExitCodes.OK;
        }
        ConfigurableApplicationContext ctx = ApplicationContexts.open();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ctx.close(); // stops the server cleanly on Ctrl-C / SIGTERM
            stopped.countDown();
        }, "losslab-db-serve-stop"));
        boolean borrowed = EmbeddedDatabase.runningPort(settings.embeddedDir()).isPresent();
        System.out.println(embeddedUrl(ctx.getBean(DatabaseConfiguration.EmbeddedDatabaseHolder.class).database().port()));
        System.out.flush();
        System.err.println(borrowed
                ? "losslab: the embedded PostgreSQL belongs to another running losslab process and stops with it"
                : "losslab: embedded PostgreSQL (data in " + settings.embeddedDir() + ") up until Ctrl-C");
        stopped.await();
        return ExitCodes.OK;
    }

    static String embeddedUrl(int port) {
        return LibpqUrl.of("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres");
    }
}
