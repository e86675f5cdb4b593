package org.losslab.pipeline.compare;

import java.util.List;
import org.losslab.comparison.NetworkHessian;
import org.losslab.store.Relations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the analysed networks of an experiment from {@code v_network_hessian} for findings F14–F15
 * (docs/science.md §A.6); an experiment without a hessian section has none and is not reported missing.
 */
final class HessianSources {

    static final List<String> COLUMNS = List.of("run_key", "width", "hidden_layers", "critical", "negative_fraction",
            "negative_fraction_error", "final_train_loss", "method", "experiment_id");

    private HessianSources() {
    }

    static List<NetworkHessian> networks(JdbcTemplate jdbc, long experimentId, List<String> missing) {
        String problem = new Relations(jdbc).problem("v_network_hessian", COLUMNS);
        if (problem != null) {
            missing.add("Hessian of trained networks (F14-F15): " + problem);
            return List.of();
        }
        return jdbc.query("""
                SELECT run_key, width, hidden_layers, critical, negative_fraction, negative_fraction_error,
                       final_train_loss, method FROM v_network_hessian
                WHERE experiment_id = ? AND final_train_loss IS NOT NULL ORDER BY hidden_layers, width, run_key""",
                (rs, i) -> new NetworkHessian(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8)), experimentId);
    }
}
