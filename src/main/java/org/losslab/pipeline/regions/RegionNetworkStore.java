package org.losslab.pipeline.regions;

import java.util.Arrays;
import java.util.Optional;
import org.losslab.training.FloatBytes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code region_network} (one row per network of the grid: identity, checkpoint while it trains,
 * final parameters and accuracy) and {@code region_network_epoch} (the training loss of each epoch), keyed
 * on (experiment, network key[, epoch]).
 */
@Repository
public class RegionNetworkStore {

    /** A network's identity as {@code region_network} records it. */
    public record Identity(String networkKey, String runKey, String architecture, Integer[] layerSizes,
                           String activation, int pieces, String state, long seed) {
    }

    /** A checkpoint of a network in training: parameters, updater state (null when finished), counts. */
    public record Checkpoint(float[] params, float[] updaterState, long iteration, int epochsDone) {
    }

    /** A network's sampled parameters: its parameter bytes (null when they live elsewhere) and their SHA-256. */
    public record Finished(byte[] params, String paramsSha256) {
    }

    private final JdbcTemplate jdbc;

    public RegionNetworkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the network is finished; null if it has no row yet. */
    public Boolean finished(long experimentId, String networkKey) {
        return jdbc.query("SELECT finished FROM region_network WHERE experiment_id = ? AND network_key = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, networkKey);
    }

    public Optional<Checkpoint> checkpoint(long experimentId, String networkKey) {
        return jdbc.query("SELECT params, updater_state, iteration, epochs_done FROM region_network "
                        + "WHERE experiment_id = ? AND network_key = ?",
                (rs, i) -> new Checkpoint(FloatBytes.decode(rs.getBytes(1)),
                        rs.getBytes(2) == null ? null : FloatBytes.decode(rs.getBytes(2)), rs.getLong(3), rs.getInt(4)),
                experimentId, networkKey).stream().findFirst();
    }

    /** The parameters of a finished network; refused if it has not finished. */
    public Finished finishedParameters(long experimentId, String networkKey) {
        Finished f = jdbc.query("SELECT finished, params, params_sha256 FROM region_network WHERE experiment_id = ? "
                        + "AND network_key = ?",
                rs -> rs.next() && rs.getBoolean(1) ? new Finished(rs.getBytes(2), rs.getString(3)) : null,
                experimentId, networkKey);
        if (f == null) {
            throw new IllegalStateException("network " + networkKey + " is not finished: run region-networks first");
        }
        return f;
    }

    /**
     * Writes a network trained (or initialised) here after an epoch: its checkpoint ({@code updaterState}
     * null once finished), and when finished its parameters' SHA-256 and test accuracy.
     */
    public void saveTraining(long experimentId, Identity n, Double fitEpsilon, int epochsPlanned, int epochsDone,
                             long iteration, boolean finished, byte[] params, byte[] updaterState, int trainSize,
                             Double testAccuracy, Integer testSize, long stepExecutionId) {
        jdbc.update("""
                INSERT INTO region_network (experiment_id, network_key, run_key, architecture, layer_sizes, activation,
                    pieces, fit_epsilon, network_state, seed, epochs_planned, epochs_done, iteration, finished, params,
                    updater_state, params_sha256, train_size, test_accuracy, test_size, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key) DO UPDATE SET epochs_done = EXCLUDED.epochs_done,
                    iteration = EXCLUDED.iteration, finished = EXCLUDED.finished, params = EXCLUDED.params,
                    updater_state = EXCLUDED.updater_state, params_sha256 = EXCLUDED.params_sha256,
                    test_accuracy = EXCLUDED.test_accuracy, test_size = EXCLUDED.test_size,
                    step_execution_id = EXCLUDED.step_execution_id""",
                ps -> {
                    int i = identity(ps, experimentId, n);
                    ps.setObject(i++, fitEpsilon);
                    ps.setString(i++, n.state());
                    ps.setLong(i++, n.seed());
                    ps.setInt(i++, epochsPlanned);
                    ps.setInt(i++, epochsDone);
                    ps.setLong(i++, iteration);
                    ps.setBoolean(i++, finished);
                    ps.setBytes(i++, params);
                    ps.setBytes(i++, updaterState);
                    ps.setString(i++, finished ? FloatBytes.sha256(params) : null);
                    ps.setInt(i++, trainSize);
                    ps.setObject(i++, testAccuracy);
                    ps.setObject(i++, testSize);
                    ps.setLong(i++, stepExecutionId);
                });
    }

    /**
     * Registers a network whose parameters live in the training tables ({@code source_run_id}): finished, no
     * parameter bytes, the SHA-256 of the parameters its state stands for and its test accuracy.
     */
    public void registerRun(long experimentId, Identity n, int epochsPlanned, int epochsDone, String paramsSha256,
                            int trainSize, double testAccuracy, int testSize, long stepExecutionId, long sourceRunId) {
        jdbc.update("""
                INSERT INTO region_network (experiment_id, network_key, run_key, architecture, layer_sizes, activation,
                    pieces, fit_epsilon, network_state, seed, epochs_planned, epochs_done, iteration, finished, params,
                    updater_state, params_sha256, train_size, test_accuracy, test_size, step_execution_id, source_run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, TRUE, NULL, NULL, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key) DO UPDATE SET params_sha256 = EXCLUDED.params_sha256,
                    test_accuracy = EXCLUDED.test_accuracy, test_size = EXCLUDED.test_size,
                    step_execution_id = EXCLUDED.step_execution_id, source_run_id = EXCLUDED.source_run_id""",
                ps -> {
                    int i = identity(ps, experimentId, n);
                    ps.setString(i++, n.state());
                    ps.setLong(i++, n.seed());
                    ps.setInt(i++, epochsPlanned);
                    ps.setInt(i++, epochsDone);
                    ps.setString(i++, paramsSha256);
                    ps.setInt(i++, trainSize);
                    ps.setDouble(i++, testAccuracy);
                    ps.setInt(i++, testSize);
                    ps.setLong(i++, stepExecutionId);
                    ps.setLong(i++, sourceRunId);
                });
    }

    public void saveEpochLoss(long experimentId, String networkKey, int epoch, double trainLoss, long stepExecutionId) {
        jdbc.update("""
                INSERT INTO region_network_epoch (experiment_id, network_key, epoch, train_loss, step_execution_id)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (experiment_id, network_key, epoch) DO UPDATE SET
                    train_loss = EXCLUDED.train_loss, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, networkKey, epoch, trainLoss, stepExecutionId);
    }

    /** Sets the first seven parameters (experiment to pieces); returns the next index. */
    private static int identity(java.sql.PreparedStatement ps, long experimentId, Identity n) throws java.sql.SQLException {
        int i = 1;
        ps.setLong(i++, experimentId);
        ps.setString(i++, n.networkKey());
        ps.setString(i++, n.runKey());
        ps.setString(i++, n.architecture());
        ps.setArray(i++, ps.getConnection().createArrayOf("integer", n.layerSizes()));
        ps.setString(i++, n.activation());
        ps.setInt(i++, n.pieces());
        return i;
    }

    static Integer[] boxed(int[] sizes) {
        return Arrays.stream(sizes).boxed().toArray(Integer[]::new);
    }
}
