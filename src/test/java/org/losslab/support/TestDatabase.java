package org.losslab.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test class on the local server (docs/architecture.md, test speeds): created on
 * open, dropped on close. The server is {@code LOSSLAB_TEST_PG}, else 127.0.0.1:5432 when it answers (user
 * postgres, trust auth), else an embedded PostgreSQL of the test JVM ({@link TestPostgres}).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = TestPostgres.server();
    private static final String USER = System.getenv().getOrDefault("LOSSLAB_TEST_PG_USER", "postgres");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "losslab_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    /** host:port of the tests' PostgreSQL server (the configured, the machine's or the embedded one). */
    public static String server() {
        return SERVER;
    }

    public String url() {
        return "jdbc:postgresql://" + SERVER + "/" + name;
    }

    public String user() {
        return USER;
    }

    /** Points in-process losslab at this database. */
    public TestDatabase useInProcess() {
        System.setProperty("LOSSLAB_DB_URL", url());
        System.setProperty("LOSSLAB_DB_USER", USER);
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** The first column of every row of {@code sql}, as text. */
    public List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        System.clearProperty("LOSSLAB_DB_URL");
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL at " + SERVER + " unavailable: " + e.getMessage(), e);
        }
    }
}
