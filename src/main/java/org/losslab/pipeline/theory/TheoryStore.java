package org.losslab.pipeline.theory;

import java.util.ArrayList;
import java.util.List;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.LogMeanAccumulator.LogMean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code theory_threshold}, {@code complexity_curve} and {@code kac_rice}, each keyed on its natural
 * key (upserts: a replayed configuration rewrites the same rows).
 */
@Repository
public class TheoryStore {

    private final JdbcTemplate jdbc;

    public TheoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean curvesDone(long experimentId, int p) {
        return jdbc.queryForObject("SELECT count(*) FROM theory_threshold WHERE experiment_id = ? AND p = ?",
                Long.class, experimentId, p) > 0;
    }

    /**
     * Thresholds {@code e[k]} for k = −1 (E_∞), 0..K, and the curves {@code theta[i][k]} at {@code u[i]} for
     * k = −1 (Θ_total), 0..K (index k + 1 in both arrays; science.md §B.4–B.5).
     */
    public void saveCurves(long experimentId, int p, double[] e, double[] u, double[][] theta, long exec) {
        List<Object[]> thresholds = new ArrayList<>();
        for (int k = -1; k < e.length - 1; k++) {
            thresholds.add(new Object[] {experimentId, p, k, e[k + 1], exec});
        }
        jdbc.batchUpdate("""
                INSERT INTO theory_threshold (experiment_id, p, k, e_k, job_execution_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, k) DO UPDATE SET e_k = EXCLUDED.e_k""", thresholds);
        List<Object[]> curve = new ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            for (int k = -1; k < theta[i].length - 1; k++) {
                curve.add(new Object[] {experimentId, p, k, u[i], theta[i][k + 1], exec});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO complexity_curve (experiment_id, p, k, u, theta, job_execution_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, k, u) DO UPDATE SET theta = EXCLUDED.theta""", curve);
    }

    public boolean kacRiceDone(long experimentId, int p, int n, double theta) {
        return jdbc.queryForObject("SELECT count(*) FROM kac_rice WHERE experiment_id = ? AND p = ? AND n = ? AND theta = ?",
                Long.class, experimentId, p, n, theta) > 0;
    }

    /** The total (k = −1) and every index k = 0..N−1 of one Kac–Rice configuration. */
    public void saveKacRice(long experimentId, int p, int n, double theta, KacRiceEstimate est, long samples, long seed,
                            long exec) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(experimentId, p, n, theta, -1, est.total(), samples, seed, exec));
        for (int k = 0; k < n; k++) {
            rows.add(row(experimentId, p, n, theta, k, est.index(k), samples, seed, exec));
        }
        jdbc.batchUpdate("""
                INSERT INTO kac_rice (experiment_id, p, n, theta, k, mean, se, log_mean, samples, seed, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, n, theta, k) DO UPDATE SET mean = EXCLUDED.mean, se = EXCLUDED.se,
                    log_mean = EXCLUDED.log_mean, samples = EXCLUDED.samples, seed = EXCLUDED.seed""", rows);
    }

    private static Object[] row(long experimentId, int p, int n, double theta, int k, LogMean m, long samples, long seed,
                                long exec) {
        return new Object[] {experimentId, p, n, theta, k, m.mean(), m.se(), m.logMean(), samples, seed, exec};
    }
}
