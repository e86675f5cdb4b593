package org.losslab.report;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hessian rows for the figure fixtures: every run of the experiment gets a summary (every other one critical)
 * and a 10-bin density of mass 1, as the hessian stage writes them (science.md §A.6).
 */
final class HessianFixtures {

    private HessianFixtures() {
    }

    static void create(JdbcTemplate jdbc, long experimentId, long stepId) {
        jdbc.update("""
                INSERT INTO hessian_network (run_id, experiment_id, n_params, method, train_loss, grad_norm, critical,
                    critical_grad_norm, lambda_min, lambda_min_error, lambda_max, lambda_max_error, zero_tolerance,
                    zero_threshold, negative_count, negative_lower_bound, negative_fraction, negative_fraction_low,
                    negative_fraction_high, negative_fraction_error, zero_count, zero_fraction, zero_fraction_error,
                    product_count, cpu_seconds, seed, step_execution_id)
                SELECT run_id, experiment_id, 2785, 'exact', 0.3, CASE WHEN restart % 2 = 0 THEN 5e-4 ELSE 7e-3 END,
                    restart % 2 = 0, 1e-3, -0.01, 0, 2.0, 0, 1e-9, 2e-9, 10 + restart, 10 + restart,
                    (10 + restart) / 2785.0, (10 + restart) / 2785.0, (10 + restart) / 2785.0, 0, 200, 200 / 2785.0, 0,
                    0, 1.0, restart, ?
                FROM run WHERE experiment_id = ?""", stepId, experimentId);
        jdbc.update("""
                INSERT INTO hessian_density (run_id, bin, lo, hi, mass)
                SELECT h.run_id, b, -0.01 + b * 0.201, -0.01 + (b + 1) * 0.201,
                       CASE WHEN b = 0 THEN 0.9 ELSE 0.1 / 9 END
                FROM hessian_network h CROSS JOIN generate_series(0, 9) b WHERE h.experiment_id = ?""", experimentId);
    }
}
