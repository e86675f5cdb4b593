package org.losslab.pipeline.data;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Prepared data sets stored whole (checksum as key), so restarts and workers on other machines
 * train on exactly the recorded digits without access to the original files.
 */
@Repository
public class DatasetStore {

    private final JdbcTemplate jdbc;

    public DatasetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ensure(String sha256, String source, String split, int nTrain, int nTest, int rows, int cols,
                       byte[] payload) {
        jdbc.update("""
                INSERT INTO dataset (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dataset_sha256) DO NOTHING""",
                sha256, source, split, nTrain, nTest, rows, cols, payload);
    }

    public void link(long experimentId, String sha256, String role, long jobExecutionId) {
        jdbc.update("""
                INSERT INTO experiment_dataset (experiment_id, dataset_sha256, role, job_execution_id)
                VALUES (?, ?, ?, ?) ON CONFLICT (experiment_id, role) DO NOTHING""",
                experimentId, sha256, role, jobExecutionId);
    }

    public Optional<String> linked(long experimentId, String role) {
        return jdbc.queryForList("SELECT dataset_sha256 FROM experiment_dataset WHERE experiment_id = ? AND role = ?",
                String.class, experimentId, role).stream().findFirst();
    }

    public byte[] payload(String sha256) {
        return jdbc.queryForObject("SELECT payload FROM dataset WHERE dataset_sha256 = ?", byte[].class, sha256);
    }
}
