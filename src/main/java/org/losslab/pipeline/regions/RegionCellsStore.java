package org.losslab.pipeline.regions;

import java.util.List;
import java.util.Optional;
import org.losslab.regions.CellVisits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code region_cells_visited} (per trained region network, epoch and hidden layer: the cells its fixed
 * training subset occupies, science.md §C.4.1) and {@code region_cells_state} (the tracker's bytes after the last
 * recorded epoch, so a restart continues it). Both are written in the epoch's checkpoint transaction.
 */
@Repository
public class RegionCellsStore {

    /** The tracker's state as stored: after epoch {@code epoch}. */
    public record State(int epoch, byte[] bytes) {
    }

    private final JdbcTemplate jdbc;

    public RegionCellsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> state(long experimentId, String networkKey) {
        return jdbc.query("SELECT epoch, state FROM region_cells_state WHERE experiment_id = ? AND network_key = ?",
                (rs, i) -> new State(rs.getInt(1), rs.getBytes(2)), experimentId, networkKey).stream().findFirst();
    }

    /** Writes one epoch's rows (one per hidden layer, in forward order) and the tracker's state after it. */
    public void save(long experimentId, String networkKey, int epoch, List<CellVisits.LayerVisit> layers, byte[] state,
                     long stepExecutionId) {
        for (int l = 0; l < layers.size(); l++) {
            CellVisits.LayerVisit v = layers.get(l);
            jdbc.update("""
                    INSERT INTO region_cells_visited (experiment_id, network_key, epoch, layer_no, layer, units,
                        subset_rows, patterns, new_patterns, cumulative_patterns, rows_changed, dead_fraction,
                        always_on_fraction, step_execution_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (experiment_id, network_key, epoch, layer_no) DO UPDATE SET layer = EXCLUDED.layer,
                        units = EXCLUDED.units, subset_rows = EXCLUDED.subset_rows, patterns = EXCLUDED.patterns,
                        new_patterns = EXCLUDED.new_patterns, cumulative_patterns = EXCLUDED.cumulative_patterns,
                        rows_changed = EXCLUDED.rows_changed, dead_fraction = EXCLUDED.dead_fraction,
                        always_on_fraction = EXCLUDED.always_on_fraction,
                        step_execution_id = EXCLUDED.step_execution_id""",
                    experimentId, networkKey, epoch, l, v.layer(), v.units(), v.rows(), v.distinct(),
                    v.newSincePrevious(), v.visited(), v.rowsChanged(), v.deadFraction(), v.alwaysOnFraction(),
                    stepExecutionId);
        }
        jdbc.update("""
                INSERT INTO region_cells_state (experiment_id, network_key, epoch, state, step_execution_id)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (experiment_id, network_key) DO UPDATE SET epoch = EXCLUDED.epoch,
                    state = EXCLUDED.state, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, networkKey, epoch, state, stepExecutionId);
    }
}
