package org.losslab.pipeline.cells;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.cells.CertificateResult;
import org.losslab.cells.Check;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code cell_certificate}, {@code cell_check} and {@code cell_measurement}: the certificates of one
 * data set, written once (natural keys, {@code ON CONFLICT DO NOTHING}).
 */
@Repository
public class CellsStore {

    private final JdbcTemplate jdbc;

    public CellsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the certificates of this data set are stored. */
    public boolean done(long experimentId, String dataset) {
        return jdbc.queryForObject("SELECT count(*) FROM cell_certificate WHERE experiment_id = ? AND dataset = ?",
                Long.class, experimentId, dataset) > 0;
    }

    public void save(long experimentId, String dataset, List<CertificateResult> results, long exec) {
        for (CertificateResult r : results) {
            jdbc.update("""
                    INSERT INTO cell_certificate (experiment_id, dataset, certificate, reference, passed, outcome,
                        outcome_reason, settings, elapsed_ms, job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (experiment_id, dataset, certificate) DO NOTHING""",
                    experimentId, dataset, r.certificate(), r.reference(), r.passed(), r.outcome().sql(),
                    r.outcomeReason(), r.settings().toString(), r.elapsedMillis(), exec);
            List<Object[]> checks = new ArrayList<>();
            for (Check k : r.checks()) {
                checks.add(new Object[] {experimentId, dataset, r.certificate(), k.name(), k.value(), k.relation(),
                        k.threshold(), k.pass()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO cell_check (experiment_id, dataset, certificate, name, value, relation, threshold, pass)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", checks);
            List<Object[]> measurements = new ArrayList<>();
            for (Map.Entry<String, Double> m : r.measurements().entrySet()) {
                measurements.add(new Object[] {experimentId, dataset, r.certificate(), m.getKey(), m.getValue()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO cell_measurement (experiment_id, dataset, certificate, name, value)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", measurements);
        }
    }
}
