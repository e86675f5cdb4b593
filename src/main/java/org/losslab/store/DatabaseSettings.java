package org.losslab.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which PostgreSQL to use, from the environment (README "Configuration"): a server when
 * {@code LOSSLAB_DB_URL} is set, otherwise the embedded PostgreSQL whose data directory persists
 * under {@code LOSSLAB_EMBEDDED_DIR} (default {@code ~/.losslab/pgdata}).
 */
public record DatabaseSettings(String url, String user, String password, Path embeddedDir) {

    public static DatabaseSettings fromEnvironment() {
        return from(System.getenv(), System.getProperty("user.home"));
    }

    static DatabaseSettings from(Map<String, String> env, String home) {
        String dir = env.getOrDefault("LOSSLAB_EMBEDDED_DIR", Path.of(home, ".losslab", "pgdata").toString());
        return new DatabaseSettings(
                blankToNull(env.get("LOSSLAB_DB_URL")),
                env.getOrDefault("LOSSLAB_DB_USER", "postgres"),
                env.getOrDefault("LOSSLAB_DB_PASSWORD", ""),
                Path.of(dir).toAbsolutePath());
    }

    public boolean embedded() {
        return url == null;
    }

    /** The URL without credentials, for messages and provenance. */
    public String describe() {
        return embedded() ? "embedded PostgreSQL in " + embeddedDir : url.replaceAll("password=[^&]*", "password=***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
