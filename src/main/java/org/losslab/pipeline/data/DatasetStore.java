package org.losslab.pipeline.data;

import java.util.Map;
import java.util.Optional;
import org.losslab.data.DataFiles;
import org.losslab.data.MnistData;
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

    /**
     * Stores the data set once; a row prepared before its file facts were recorded gains them (file
     * checksums depend only on the content, so a later preparation of the same digits states the same).
     */
    public void ensure(MnistData data, byte[] payload) {
        DataFiles files = data.files();
        jdbc.update("""
                INSERT INTO dataset (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, payload,
                                     split_kind, verified_as, file_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (dataset_sha256) DO UPDATE SET split_kind = coalesce(dataset.split_kind, EXCLUDED.split_kind),
                    verified_as = coalesce(dataset.verified_as, EXCLUDED.verified_as),
                    file_sha256 = coalesce(dataset.file_sha256, EXCLUDED.file_sha256)""",
                data.checksum(), data.source(), data.split(), data.train().count(), data.test().count(), data.rows(),
                data.cols(), payload, files.splitKind(), files.verifiedAs(), json(files.fileSha256()));
    }

    /** File names are MNIST's fixed names ({@code MnistFiles}) and digests hex: nothing to escape. */
    private static String json(Map<String, String> sums) {
        StringBuilder b = new StringBuilder("{");
        sums.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": \"").append(v).append('"'));
        return b.append('}').toString();
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
