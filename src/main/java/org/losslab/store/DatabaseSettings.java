package org.losslab.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which PostgreSQL to use, from the environment (docs/operations.md): a server when
 * {@code LOSSLAB_DB_URL} is set, otherwise the embedded PostgreSQL whose data directory persists
 * under {@code LOSSLAB_EMBEDDED_DIR} (default {@code ~/.losslab/pgdata}).
 */
public record DatabaseSettings(String url, String user, String password, Path embeddedDir) {

    public static DatabaseSettings fromEnvironment() {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // system properties of the same names win: used by in-process tests
        for (String key : new String[] {"LOSSLAB_DB_URL", "LOSSLAB_DB_USER", "LOSSLAB_DB_PASSWORD", "LOSSLAB_EMBEDDED_DIR"}) {
            if (System.getProperty(key) != null) {
                env.put(key, System.getProperty(key));
            }
        }
        // HOME is the invoking user's even inside a user namespace, where user.home is /nonexistent
        String home = env.get("HOME");
        return from(env, home == null || home.isBlank() ? System.getProperty("user.home") : home);
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
