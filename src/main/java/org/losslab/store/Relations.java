package org.losslab.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which tables and views exist and with which columns, so that comparisons and report sections whose
 * inputs come from stages not (yet) in this database say "missing: …" instead of failing.
 */
public final class Relations {

    private final JdbcTemplate jdbc;

    public Relations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Column names of a table or view in the search path, in order; empty if it does not exist. */
    public Set<String> columns(String relation) {
        return new LinkedHashSet<>(jdbc.queryForList("""
                SELECT attname FROM pg_attribute
                WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""",
                String.class, relation));
    }

    public boolean exists(String relation) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, relation));
    }

    /**
     * Null if the relation exists with all these columns; otherwise what is missing, e.g.
     * {@code view v_kac_rice(p, n, theta, k, mean, se, samples) does not exist}.
     */
    public String problem(String relation, List<String> required) {
        Set<String> have = columns(relation);
        String signature = relation + "(" + String.join(", ", required) + ")";
        if (have.isEmpty()) {
            return signature + " does not exist";
        }
        List<String> lacking = new ArrayList<>(required);
        lacking.removeAll(have);
        return lacking.isEmpty() ? null : signature + " lacks column(s) " + String.join(", ", lacking);
    }
}
