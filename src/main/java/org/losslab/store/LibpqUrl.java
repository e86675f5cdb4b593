package org.losslab.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libpq connection URL ({@code postgresql://user@host:port/db}) of a JDBC URL: what psql, DBeaver
 * and pandas/SQLAlchemy accept, whereas they reject {@code jdbc:postgresql://…}. The password is
 * never included (docs/operations.md, querying the results).
 */
public final class LibpqUrl {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]*)(/([^?]*))?(\\?.*)?");

    private LibpqUrl() {
    }

    /** The libpq URL of {@code jdbcUrl} for {@code user}; a user given in the JDBC URL's query wins. */
    public static String of(String jdbcUrl, String user) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String hostPort = m.group(1).isEmpty() ? "127.0.0.1:5432" : m.group(1).replace("localhost", "127.0.0.1");
        String db = m.group(3) == null || m.group(3).isEmpty() ? "postgres" : m.group(3);
        String query = m.group(4) == null ? "" : m.group(4).substring(1);
        String who = user;
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.startsWith("user=")) {
                who = pair.substring(5);
            } else if (pair.startsWith("sslmode=")) {
                kept.append(kept.isEmpty() ? "?" : "&").append(pair);
            }
        }
        String userPart = who == null || who.isBlank() ? "" : URLEncoder.encode(who, StandardCharsets.UTF_8) + "@";
        return "postgresql://" + userPart + hostPort + "/" + db + kept;
    }
}
