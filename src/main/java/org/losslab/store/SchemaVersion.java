package org.losslab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.losslab.BadInputException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schema check of a login that reads results but not Flyway's history table (the analyst role): the
 * newest migration applied ({@code v_schema_version}, V50) must be at least the newest one this losslab
 * carries, or the reader would query relations that do not exist yet. Such a login cannot migrate, so an
 * older schema is one line naming what to do, not a permission error.
 */
final class SchemaVersion {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    private SchemaVersion() {
    }

    /** Whether the pool's login may read Flyway's history, or the history does not exist yet (Flyway creates it). */
    static boolean readsHistory(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL "
                     + "OR has_table_privilege('flyway_schema_history', 'SELECT')")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the schema's history: " + e.getMessage(), e);
        }
    }

    /** Bad input unless the database's schema is at least as new as this losslab's newest migration. */
    static void requireCurrent(Configuration flyway) {
        int[] needed = newestCarried(flyway);
        String have = applied(flyway.getDataSource());
        if (have == null || Arrays.compare(parse(have), needed) < 0) {
            throw new BadInputException("the database's schema is " + (have == null ? "not readable by this login (no "
                    + "v_schema_version)" : "at version " + have) + " and this losslab needs version " + join(needed)
                    + ": run any losslab command once as the schema's owner to migrate it (this login only reads)");
        }
    }

    private static String applied(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN to_regclass('v_schema_version') IS NOT NULL "
                     + "AND has_table_privilege('v_schema_version', 'SELECT') THEN 1 ELSE 0 END")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                return null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the schema's version: " + e.getMessage(), e);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM v_schema_version")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema's version: " + e.getMessage(), e);
        }
    }

    /** The newest versioned migration on the classpath locations Flyway is configured with. */
    static int[] newestCarried(Configuration flyway) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(flyway.getClassLoader());
        int[] newest = null;
        try {
            for (var location : flyway.getLocations()) {
                for (Resource r : resolver.getResources("classpath*:" + location.getRootPath() + "/V*__*.sql")) {
                    Matcher m = VERSIONED.matcher(String.valueOf(r.getFilename()));
                    if (m.matches() && (newest == null || Arrays.compare(parse(m.group(1)), newest) > 0)) {
                        newest = parse(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (newest == null) {
            throw new IllegalStateException("no migration found in " + Arrays.toString(flyway.getLocations()));
        }
        return newest;
    }

    static int[] parse(String version) {
        return Arrays.stream(version.split("[._]")).mapToInt(Integer::parseInt).toArray();
    }

    private static String join(int[] v) {
        return String.join(".", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }
}
