package org.losslab.pipeline.enumeration;

import java.util.ArrayList;
import java.util.List;
import org.losslab.theory.CriticalPointEnumerator.CriticalPoint;
import org.losslab.theory.CriticalPointEnumerator.Enumeration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code enumeration_sample} and {@code enumeration_point} (natural key experiment × N × sample
 * [× point_no]; a sample's rows are written in one transaction, so a sample is either wholly there or absent)
 * and {@code enumeration_kac_rice} (experiment × N × index).
 */
@Repository
public class EnumerationStore {

    private final JdbcTemplate jdbc;

    public EnumerationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The samples of size {@code n} in {@code [from, to)} already stored. */
    public List<Integer> samplesDone(long experimentId, int n, int from, int to) {
        return jdbc.queryForList("""
                SELECT sample FROM enumeration_sample WHERE experiment_id = ? AND n = ? AND sample >= ? AND sample < ?
                ORDER BY sample""", Integer.class, experimentId, n, from, to);
    }

    /** Stores one sample's enumeration; rewriting it (a retried transaction) gives the same rows. */
    public void saveSample(long experimentId, int p, int n, int sample, boolean mirrored, Enumeration e,
                           long stepExecutionId) {
        jdbc.update("""
                INSERT INTO enumeration_sample (experiment_id, p, n, sample, starts, mirrored, converged, last_new_start,
                    points, step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, sample) DO UPDATE SET p = EXCLUDED.p, starts = EXCLUDED.starts,
                    mirrored = EXCLUDED.mirrored, converged = EXCLUDED.converged,
                    last_new_start = EXCLUDED.last_new_start, points = EXCLUDED.points,
                    step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, p, n, sample, e.starts(), mirrored, e.converged(), e.lastNewStart(), e.points().size(),
                stepExecutionId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < e.points().size(); i++) {
            CriticalPoint c = e.points().get(i);
            rows.add(new Object[] {experimentId, n, sample, i, c.hamiltonian(), c.energy(), c.index(), c.gradientNorm(),
                    c.smallestAbsEigenvalue()});
        }
        jdbc.batchUpdate("""
                INSERT INTO enumeration_point (experiment_id, n, sample, point_no, hamiltonian, energy, idx, grad_norm,
                    min_abs_eigenvalue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, sample, point_no) DO UPDATE SET hamiltonian = EXCLUDED.hamiltonian,
                    energy = EXCLUDED.energy, idx = EXCLUDED.idx, grad_norm = EXCLUDED.grad_norm,
                    min_abs_eigenvalue = EXCLUDED.min_abs_eigenvalue""", rows);
    }

    /** Whether Kac–Rice's expectations at size {@code n} are stored. */
    public boolean hasKacRice(long experimentId, int n) {
        Integer c = jdbc.queryForObject("SELECT count(*) FROM enumeration_kac_rice WHERE experiment_id = ? AND n = ?",
                Integer.class, experimentId, n);
        return c != null && c > 0;
    }

    /** One row per index k: {k, expected, se, expected below u_max, its se}. */
    public void saveKacRice(long experimentId, int p, int n, double uMax, List<double[]> perIndex, long samples,
                            long seed, long jobExecutionId) {
        List<Object[]> rows = new ArrayList<>();
        for (double[] r : perIndex) {
            rows.add(new Object[] {experimentId, p, n, (int) r[0], r[1], r[2], uMax, r[3], r[4], samples, seed,
                    jobExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO enumeration_kac_rice (experiment_id, p, n, idx, expected, se, u_max, expected_below, se_below,
                    samples, seed, job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, idx) DO NOTHING""", rows);
    }
}
