package org.losslab.pipeline.training;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code size_summary} (natural key experiment × architecture × width) and the final losses it summarizes. */
@Repository
public class SummaryStore {

    /** A run's status and final losses (train, test, test error) as {@code v_runs} has them. */
    public record RunOutcome(String architecture, int width, String status, double trainLoss, double testLoss,
                             double testError) {
    }

    /** The test-loss distribution of one size; statistics are null where the completed runs cannot give them. */
    public record SizeSummary(String architecture, int width, int runs, int completed, int diverged, Double testMean,
                              Double testSd, Double testMin, Double testQ25, Double testMedian, Double testQ75,
                              Double testMax, Double trainMean, Double testErrorMean, Double pearsonTrainTest) {
    }

    private final JdbcTemplate jdbc;

    public SummaryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every descent run of the experiment ({@code v_descent_runs}), by architecture, hidden width and restart. */
    public List<RunOutcome> outcomes(long experimentId) {
        return jdbc.query("""
                SELECT architecture, widths[2], status, final_train_loss, final_test_loss, final_test_error
                FROM v_descent_runs WHERE experiment_id = ? ORDER BY architecture, widths[2], restart""",
                (rs, i) -> new RunOutcome(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6)), experimentId);
    }

    /** Writes or rewrites the summary of one size. */
    public void save(long experimentId, SizeSummary s, long jobExecutionId) {
        jdbc.update("""
                INSERT INTO size_summary (experiment_id, architecture, hidden_width, n_runs, n_completed, n_diverged,
                    test_loss_mean, test_loss_sd, test_loss_min, test_loss_q25, test_loss_median, test_loss_q75,
                    test_loss_max, train_loss_mean, test_error_mean, pearson_train_test, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, architecture, hidden_width) DO UPDATE SET
                    n_runs = EXCLUDED.n_runs, n_completed = EXCLUDED.n_completed, n_diverged = EXCLUDED.n_diverged,
                    test_loss_mean = EXCLUDED.test_loss_mean, test_loss_sd = EXCLUDED.test_loss_sd,
                    test_loss_min = EXCLUDED.test_loss_min, test_loss_q25 = EXCLUDED.test_loss_q25,
                    test_loss_median = EXCLUDED.test_loss_median, test_loss_q75 = EXCLUDED.test_loss_q75,
                    test_loss_max = EXCLUDED.test_loss_max, train_loss_mean = EXCLUDED.train_loss_mean,
                    test_error_mean = EXCLUDED.test_error_mean, pearson_train_test = EXCLUDED.pearson_train_test,
                    job_execution_id = EXCLUDED.job_execution_id""",
                experimentId, s.architecture(), s.width(), s.runs(), s.completed(), s.diverged(), s.testMean(),
                s.testSd(), s.testMin(), s.testQ25(), s.testMedian(), s.testQ75(), s.testMax(), s.trainMean(),
                s.testErrorMean(), s.pearsonTrainTest(), jobExecutionId);
    }
}
