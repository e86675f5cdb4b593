package org.losslab.pipeline.training;

import java.util.List;
import java.util.Optional;
import org.losslab.regions.CellVisits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code run_cells_visited} (per sampled training run, epoch and hidden layer: the cells its fixed training
 * subset occupies, science.md §C.4.1) and {@code run_cells_state} (the tracker's bytes after the last recorded epoch,
 * so a restart continues it). Both are written in the epoch's checkpoint transaction; replays overwrite.
 */
@Repository
public class RunCellsStore {

    /** The tracker's state as stored: after epoch {@code epoch}. */
    public record State(int epoch, byte[] bytes) {
    }

    private final JdbcTemplate jdbc;

    public RunCellsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> state(long runId) {
        return jdbc.query("SELECT epoch, state FROM run_cells_state WHERE run_id = ?",
                (rs, i) -> new State(rs.getInt(1), rs.getBytes(2)), runId).stream().findFirst();
    }

    /** Writes one epoch's rows (one per hidden layer, in forward order) and the tracker's state after it. */
    public void save(long runId, int epoch, List<CellVisits.LayerVisit> layers, byte[] state, long stepExecutionId) {
        for (int l = 0; l < layers.size(); l++) {
            CellVisits.LayerVisit v = layers.get(l);
            jdbc.update("""
                    INSERT INTO run_cells_visited (run_id, epoch, layer_no, layer, units, subset_rows, patterns,
                        new_patterns, cumulative_patterns, rows_changed, dead_fraction, always_on_fraction,
                        step_execution_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id, epoch, layer_no) DO UPDATE SET layer = EXCLUDED.layer,
                        units = EXCLUDED.units, subset_rows = EXCLUDED.subset_rows, patterns = EXCLUDED.patterns,
                        new_patterns = EXCLUDED.new_patterns, cumulative_patterns = EXCLUDED.cumulative_patterns,
                        rows_changed = EXCLUDED.rows_changed, dead_fraction = EXCLUDED.dead_fraction,
                        always_on_fraction = EXCLUDED.always_on_fraction,
                        step_execution_id = EXCLUDED.step_execution_id""",
                    runId, epoch, l, v.layer(), v.units(), v.rows(), v.distinct(), v.newSincePrevious(), v.visited(),
                    v.rowsChanged(), v.deadFraction(), v.alwaysOnFraction(), stepExecutionId);
        }
        jdbc.update("""
                INSERT INTO run_cells_state (run_id, epoch, state, step_execution_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET epoch = EXCLUDED.epoch, state = EXCLUDED.state,
                    step_execution_id = EXCLUDED.step_execution_id""",
                runId, epoch, state, stepExecutionId);
    }
}
