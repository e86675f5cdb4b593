package org.losslab.plan;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The rates of the latest {@code bench training} stored for this machine (same host name and core
 * count) in {@code benchmark_run}/{@code benchmark_result}, read on a read-only connection that
 * writes nothing: an absent database, schema or benchmark gives no rates, and the plan calibrates.
 */
public final class StoredBenchmark {

    static final int[] WIDTHS = {25, 100, 500};

    private StoredBenchmark() {
    }

    /** The latest training benchmark of this host, or empty (with no database, no table or no such row). */
    public static Optional<MachineRates> latest(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        props.setProperty("readOnly", "true");
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setReadOnly(true);
            try (ResultSet exists = c.createStatement().executeQuery("SELECT to_regclass('benchmark_result') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            return read(c, host(), Runtime.getRuntime().availableProcessors());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    static Optional<MachineRates> read(Connection c, String host, int cores) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.benchmark_run_id, r.ran_at::date, r.quick, x.name, x.value
                FROM benchmark_result x JOIN benchmark_run r USING (benchmark_run_id)
                WHERE r.benchmark_run_id = (SELECT max(benchmark_run_id) FROM benchmark_run
                                            WHERE benchmark = 'training' AND host = ? AND cores = ?)""")) {
            s.setString(1, host);
            s.setInt(2, cores);
            Map<String, Double> v = new HashMap<>();
            String source = null;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    source = String.format("benchmark_run %d (%s%s, host %s)", rs.getLong(1), rs.getString(2),
                            rs.getBoolean(3) ? ", quick" : "", host);
                    v.put(rs.getString(4), rs.getDouble(5));
                }
            }
            return source == null ? Optional.empty() : rates(v, cores, source);
        }
    }

    /** Rates from a benchmark's results by name; empty when one of the needed results is missing. */
    static Optional<MachineRates> rates(Map<String, Double> v, int cores, String source) {
        double[] batched = new double[WIDTHS.length];
        double[] dl4j = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            Double b = v.get("batched_gflops_" + WIDTHS[i]);
            Double m = v.get("mln_gflops_" + WIDTHS[i]);
            if (b == null || m == null || !(b > 0) || !(m > 0)) {
                return Optional.empty();
            }
            batched[i] = b;
            dl4j[i] = m;
        }
        Double wall = v.get("batched_net_examples_per_s_wall_100");
        Double cpu = v.get("batched_net_examples_per_s_100");
        double share = wall != null && cpu != null && cpu > 0 ? Math.max(0.05, Math.min(1, wall / cpu)) : 1;
        double scaling = v.getOrDefault("two_trainer_scaling", 2.0);
        return Optional.of(new MachineRates(WIDTHS, batched, dl4j, share, scaling > 0 ? scaling : 2, cores, source));
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
