package org.losslab.pipeline.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.BadInputException;
import org.losslab.comparison.CertificateRow;
import org.losslab.comparison.ComparisonSettings;
import org.losslab.comparison.EnergySample;
import org.losslab.comparison.EnumerationCountRow;
import org.losslab.comparison.EnumerationEnergyRow;
import org.losslab.comparison.KacRiceRow;
import org.losslab.comparison.ReferenceValue;
import org.losslab.comparison.RegionCellRow;
import org.losslab.comparison.RunLosses;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.store.Relations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the inputs of the comparisons from their views. Views of stages that are absent are reported
 * through {@link #missing()} with the columns expected. A view with an {@code experiment_id} column is
 * filtered to the experiment; one without it is global (e.g. theory curves) and read whole.
 */
public final class ComparisonSources {

    static final List<String> SPINGLASS = List.of("n", "restart", "method", "final_energy", "converged");
    static final List<String> CERTIFICATES = List.of("dataset", "certificate", "outcome", "outcome_reason", "check_name",
            "pass");
    static final List<String> REGION_STATS = List.of("run_key", "architecture", "activation", "network_state",
            "input_set", "layer", "piece", "averaging", "n", "mean", "sd", "null_sd", "ks_distance");
    static final List<String> KAC_RICE = List.of("p", "n", "theta", "k", "mean", "se", "samples");
    static final List<String> ENUMERATION_COUNTS = List.of("n", "idx", "samples", "mean_count", "se_count",
            "mean_count_below", "se_count_below", "kac_rice_expected", "kac_rice_se", "kac_rice_expected_below",
            "kac_rice_se_below");
    static final List<String> ENUMERATION_ENERGY = List.of("n", "idx", "points", "samples", "mean_energy", "se_energy");

    private final JdbcTemplate jdbc;
    private final Relations relations;
    private final long experimentId;
    private final List<String> missing = new ArrayList<>();

    public ComparisonSources(JdbcTemplate jdbc, long experimentId) {
        this.jdbc = jdbc;
        this.relations = new Relations(jdbc);
        this.experimentId = experimentId;
    }

    static final double DEFAULT_ANNEAL_MARGIN = 0.05;

    public List<String> missing() {
        return missing;
    }

    /**
     * How to decide: the {@code compare:} section of the experiment's stored spec and its root seed. A stored
     * spec this version cannot read (written by an older one) falls back to the defaults, and says so.
     */
    public ComparisonSettings settings() {
        Map<String, Object> e = jdbc.queryForMap("SELECT seed, spec_text FROM experiment WHERE experiment_id = ?",
                experimentId);
        long seed = ((Number) e.get("seed")).longValue();
        try {
            return ComparisonSettings.of(JobSpec.fromText("spec of experiment " + experimentId,
                    (String) e.get("spec_text")).compare(), seed);
        } catch (BadInputException ex) {
            missing.add("compare settings: the stored spec cannot be read (" + ex.getMessage() + "); defaults used");
            return ComparisonSettings.defaults(seed);
        }
    }

    /** F6's equivalence margin: {@code spinglass.anneal_margin} of the stored spec (its default if unreadable). */
    public double annealMargin() {
        String text = jdbc.queryForObject("SELECT spec_text FROM experiment WHERE experiment_id = ?", String.class,
                experimentId);
        try {
            SpinGlassSpec s = JobSpec.fromText("spec of experiment " + experimentId, text).spinglass();
            return s == null ? DEFAULT_ANNEAL_MARGIN : s.annealMargin();
        } catch (BadInputException ex) {
            return DEFAULT_ANNEAL_MARGIN;
        }
    }

    /**
     * Completed descent runs of the experiment ({@code v_descent_runs}: annealed twins left out), one entry per
     * hidden width in increasing order.
     */
    public List<RunLosses> networkLosses() {
        List<RunLosses> out = NetworkSources.losses(jdbc, experimentId, null);
        if (out.isEmpty()) {
            missing.add("completed network runs in v_runs for experiment " + experimentId + " (F2-F5)");
        }
        return out;
    }

    /** Recalled paper values of a finding from {@code reference_value}, by subject. */
    public Map<String, ReferenceValue> references(String finding, String statistic) {
        Map<String, ReferenceValue> out = new HashMap<>();
        jdbc.query("SELECT subject, value, source, status FROM reference_value WHERE finding = ? AND statistic = ?",
                rs -> {
                    out.put(rs.getString(1), new ReferenceValue(rs.getString(1), rs.getDouble(2), rs.getString(3),
                            rs.getString(4)));
                }, finding, statistic);
        return out;
    }

    /** Spin-glass final energies per (N, method) from {@code v_spinglass}; empty (and noted) if absent. */
    public List<EnergySample> spinGlass() {
        if (!available("v_spinglass", SPINGLASS, "spin-glass descents (F1)")) {
            return List.of();
        }
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        String columns = "SELECT n, method, restart, final_energy, converged FROM v_spinglass";
        jdbc.query(columns + filter("v_spinglass") + " ORDER BY n, method, restart",
                rs -> {
                    groups.computeIfAbsent(rs.getInt(1) + "\t" + rs.getString(2), g -> new ArrayList<>())
                            .add(new double[] {rs.getInt(3), rs.getDouble(4), rs.getBoolean(5) ? 1 : 0});
                }, filterArgs("v_spinglass"));
        List<EnergySample> out = new ArrayList<>();
        groups.forEach((key, rows) -> {
            String[] k = key.split("\t");
            boolean[] converged = new boolean[rows.size()];
            for (int i = 0; i < converged.length; i++) {
                converged[i] = rows.get(i)[2] == 1;
            }
            out.add(new EnergySample(Integer.parseInt(k[0]), k[1], rows.stream().map(r -> (int) r[0]).toList(),
                    rows.stream().mapToDouble(r -> r[1]).toArray(), converged, "v_spinglass"));
        });
        return out;
    }

    public List<RegionCellRow> regionStats() {
        if (!available("v_region_stats", REGION_STATS, "region statistics (F7)")) {
            return List.of();
        }
        return jdbc.query("SELECT " + String.join(", ", REGION_STATS) + " FROM v_region_stats" + filter("v_region_stats"),
                (rs, i) -> new RegionCellRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getLong(9),
                        rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getDouble(13)),
                filterArgs("v_region_stats"));
    }

    public List<KacRiceRow> kacRice() {
        if (!available("v_kac_rice", KAC_RICE, "finite-N Kac-Rice (F8)")) {
            return List.of();
        }
        boolean logged = relations.columns("v_kac_rice").contains("log_mean");
        String where = filter("v_kac_rice");
        where += (where.isEmpty() ? " WHERE" : " AND") + " k IS NOT NULL" + (logged ? "" : " AND mean > 0");
        return jdbc.query("SELECT p, n, theta, k, " + (logged ? "log_mean" : "ln(mean)") + ", se, samples FROM v_kac_rice"
                        + where,
                (rs, i) -> new KacRiceRow(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getInt(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getLong(7)),
                filterArgs("v_kac_rice"));
    }

    /** Counts per (N, index) of the enumeration with Kac–Rice's expectations; empty if the stage did not run. */
    public List<EnumerationCountRow> enumerationCounts() {
        if (!available("v_enumeration_counts", ENUMERATION_COUNTS, "enumeration counts (F13)")) {
            return List.of();
        }
        return jdbc.query("SELECT " + String.join(", ", ENUMERATION_COUNTS) + " FROM v_enumeration_counts"
                        + " WHERE experiment_id = ? AND kac_rice_expected IS NOT NULL ORDER BY n, idx",
                (rs, i) -> new EnumerationCountRow(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                        rs.getDouble(10), rs.getDouble(11)), experimentId);
    }

    /** Mean energy per (N, index) of the enumerated points; empty if the stage did not run. */
    public List<EnumerationEnergyRow> enumerationEnergy() {
        if (!available("v_enumeration_energy", ENUMERATION_ENERGY, "enumeration energies (F13)")) {
            return List.of();
        }
        return jdbc.query("SELECT " + String.join(", ", ENUMERATION_ENERGY) + " FROM v_enumeration_energy"
                        + " WHERE experiment_id = ? ORDER BY n, idx",
                (rs, i) -> new EnumerationEnergyRow(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getDouble(5), rs.getObject(6) == null ? Double.NaN : rs.getDouble(6)), experimentId);
    }

    /** The He–Wang–Tao certificates of the experiment, one row each with its check counts. */
    public List<CertificateRow> cellCertificates() {
        if (!available("v_cell_certificates", CERTIFICATES, "cell certificates (F9-F11)")) {
            return List.of();
        }
        return jdbc.query("""
                SELECT dataset, certificate, outcome, outcome_reason, count(check_name),
                       count(check_name) FILTER (WHERE NOT pass)
                FROM v_cell_certificates WHERE experiment_id = ?
                GROUP BY dataset, certificate, outcome, outcome_reason ORDER BY dataset, certificate""",
                (rs, i) -> new CertificateRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6)), experimentId);
    }

    private boolean available(String view, List<String> columns, String what) {
        String problem = relations.problem(view, columns);
        if (problem != null) {
            missing.add(what + ": " + problem);
            return false;
        }
        return true;
    }

    private String filter(String view) {
        Set<String> cols = relations.columns(view);
        return cols.contains("experiment_id") ? " WHERE experiment_id = ?" : "";
    }

    private Object[] filterArgs(String view) {
        return relations.columns(view).contains("experiment_id") ? new Object[] {experimentId} : new Object[0];
    }
}
