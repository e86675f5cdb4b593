package org.losslab.pipeline.hessian;

import java.util.ArrayList;
import java.util.List;
import org.losslab.hessian.HessianResult;
import org.losslab.hessian.HessianSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code hessian_network} (one row per analysed run, natural key run_id) and {@code hessian_density}
 * (its histogram). A run's row is also the stage's progress: written in the partition's chunk transaction,
 * so it commits with Spring Batch's step progress, and rewritten identically (ON CONFLICT) if replayed.
 */
@Repository
public class HessianStore {

    private final JdbcTemplate jdbc;

    public HessianStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key of the next COMPLETED run of width × restarts [from, from + count) still without a row; null if none. */
    public String nextRun(long experimentId, int width, int from, int count) {
        return jdbc.query("""
                SELECT r.run_key FROM run r JOIN final_params f USING (run_id)
                WHERE r.experiment_id = ? AND r.widths[2] = ? AND r.restart >= ? AND r.restart < ?
                  AND r.status = 'COMPLETED' AND r.run_id IN (SELECT run_id FROM v_descent_runs)
                  AND NOT EXISTS (SELECT 1 FROM hessian_network h WHERE h.run_id = r.run_id)
                ORDER BY r.restart LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : null, experimentId, width, from, from + count);
    }

    public void save(long experimentId, long runId, HessianResult r, HessianSettings s, long seed, double[][] bins,
                     long stepExecutionId) {
        var neg = r.negativeFraction();
        var zero = r.zeroFraction();
        jdbc.update("""
                INSERT INTO hessian_network (run_id, experiment_id, n_params, method, train_loss, grad_norm, critical,
                    critical_grad_norm, lambda_min, lambda_min_error, lambda_max, lambda_max_error, zero_tolerance,
                    zero_threshold, negative_count, negative_lower_bound, negative_fraction, negative_fraction_low,
                    negative_fraction_high, negative_fraction_error, zero_count, zero_fraction, zero_fraction_error,
                    product_count, cpu_seconds, seed, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET n_params = EXCLUDED.n_params, method = EXCLUDED.method,
                    train_loss = EXCLUDED.train_loss, grad_norm = EXCLUDED.grad_norm, critical = EXCLUDED.critical,
                    critical_grad_norm = EXCLUDED.critical_grad_norm, lambda_min = EXCLUDED.lambda_min,
                    lambda_min_error = EXCLUDED.lambda_min_error, lambda_max = EXCLUDED.lambda_max,
                    lambda_max_error = EXCLUDED.lambda_max_error, zero_tolerance = EXCLUDED.zero_tolerance,
                    zero_threshold = EXCLUDED.zero_threshold, negative_count = EXCLUDED.negative_count,
                    negative_lower_bound = EXCLUDED.negative_lower_bound,
                    negative_fraction = EXCLUDED.negative_fraction, negative_fraction_low = EXCLUDED.negative_fraction_low,
                    negative_fraction_high = EXCLUDED.negative_fraction_high,
                    negative_fraction_error = EXCLUDED.negative_fraction_error, zero_count = EXCLUDED.zero_count,
                    zero_fraction = EXCLUDED.zero_fraction, zero_fraction_error = EXCLUDED.zero_fraction_error,
                    product_count = EXCLUDED.product_count, cpu_seconds = EXCLUDED.cpu_seconds, seed = EXCLUDED.seed,
                    step_execution_id = EXCLUDED.step_execution_id, computed_at = now()""",
                runId, experimentId, r.parameters(), r.method().label(), r.loss(), r.gradientNorm(), r.critical(),
                s.criticalGradientNorm(), r.lambdaMin(), r.lambdaMinError(), r.lambdaMax(), r.lambdaMaxError(),
                s.zeroTolerance(), r.zeroThreshold(), r.negativeCount(), r.negativeLowerBound(), neg.value(),
                neg.lower(), neg.upper(), neg.error(), r.zeroCount(), zero.value(), zero.error(), r.productCount(),
                r.cpuSeconds(), seed, stepExecutionId);
        List<Object[]> rows = new ArrayList<>();
        for (int b = 0; b < bins.length; b++) {
            rows.add(new Object[] {runId, b, bins[b][0], bins[b][1], bins[b][2]});
        }
        jdbc.batchUpdate("""
                INSERT INTO hessian_density (run_id, bin, lo, hi, mass) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, bin) DO UPDATE SET lo = EXCLUDED.lo, hi = EXCLUDED.hi, mass = EXCLUDED.mass""", rows);
    }
}
