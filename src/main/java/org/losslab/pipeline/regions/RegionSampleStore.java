package org.losslab.pipeline.regions;

import org.losslab.regions.NetworkRegionAccumulator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code region_sample}: per (network, input set) the exact accumulator state after the last
 * committed batch and the next row to sample (a second accumulator for the census of training images),
 * keyed on (experiment, network key, input set).
 */
@Repository
public class RegionSampleStore {

    /** The accumulators of a (network, input set): the inputs', and the training images' census (or null). */
    public record Accumulators(NetworkRegionAccumulator inputs, NetworkRegionAccumulator train) {
    }

    private final JdbcTemplate jdbc;

    public RegionSampleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether sampling is finished; null if it has no row yet. */
    public Boolean finished(long experimentId, String networkKey, String input) {
        return jdbc.query("SELECT finished FROM region_sample WHERE experiment_id = ? AND network_key = ? "
                + "AND input_set = ?", rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, networkKey, input);
    }

    /** The checkpointed accumulators, or null if there are none ({@code finishedOnly}: none unless finished). */
    public Accumulators accumulators(long experimentId, String networkKey, String input, boolean finishedOnly) {
        return jdbc.query("SELECT state, train_state FROM region_sample WHERE experiment_id = ? AND network_key = ? "
                        + "AND input_set = ?" + (finishedOnly ? " AND finished" : ""),
                rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    byte[] t = rs.getBytes(2);
                    return new Accumulators(NetworkRegionAccumulator.fromBytes(rs.getBytes(1)),
                            t == null ? null : NetworkRegionAccumulator.fromBytes(t));
                }, experimentId, networkKey, input);
    }

    /** Checkpoints both accumulators and their next rows after a batch. */
    public void save(long experimentId, String networkKey, String input, int rowsTotal, NetworkRegionAccumulator acc,
                     int trainTotal, NetworkRegionAccumulator trainAcc, boolean finished, long stepExecutionId) {
        jdbc.update("""
                INSERT INTO region_sample (experiment_id, network_key, input_set, rows_total, next_row, train_rows_total,
                    train_next_row, state, train_state, finished, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set) DO UPDATE SET next_row = EXCLUDED.next_row,
                    train_next_row = EXCLUDED.train_next_row, state = EXCLUDED.state, train_state = EXCLUDED.train_state,
                    finished = EXCLUDED.finished, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, networkKey, input, rowsTotal, (int) acc.nextRow(), trainTotal,
                trainAcc == null ? 0 : (int) trainAcc.nextRow(), acc.toBytes(),
                trainAcc == null ? null : trainAcc.toBytes(), finished, stepExecutionId);
    }
}
