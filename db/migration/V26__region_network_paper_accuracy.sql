-- #15 item 5: the region networks' test accuracy beside the accuracy stated for the trained networks of the
-- grid. docs/science.md §C.4 states "trained on MNIST [DEFAULT: Adam 1e-3, ~10 epochs, test accuracy >= 98 %]"
-- for both architectures: a [DEFAULT] target of the reconstructed grid, not a number quoted from the paper.
INSERT INTO reference_value (finding, statistic, subject, value, source, status) VALUES
    ('F7', 'min_test_accuracy', 'mlp',   0.98, 'science.md §C.4 grid: trained on MNIST, test accuracy >= 98 %', '[DEFAULT] stated in science.md, not quoted from the paper'),
    ('F7', 'min_test_accuracy', 'lenet', 0.98, 'science.md §C.4 grid: trained on MNIST, test accuracy >= 98 %', '[DEFAULT] stated in science.md, not quoted from the paper')
ON CONFLICT (finding, statistic, subject) DO NOTHING;

-- v_region_networks gains, for finished trained networks, the 95 % Wilson interval of the test accuracy
-- (test_size images), the stated accuracy and its source, and below_paper (test_accuracy < paper_accuracy;
-- null where no accuracy is stated: random networks, choromanska networks, unfinished training).
CREATE OR REPLACE VIEW v_region_networks AS
WITH n AS (
    SELECT n.*, n.test_size::double precision AS m, 1.959963984540054 AS z
    FROM region_network n
)
SELECT n.run_key, e.name AS experiment, n.architecture, n.layer_sizes, n.activation, n.pieces, n.fit_epsilon,
       n.network_state, n.seed, n.epochs_planned, n.epochs_done, n.finished, n.train_size, n.test_accuracy,
       n.test_size, n.params_sha256, n.network_key, n.experiment_id, r.run_key AS source_run_key,
       CASE WHEN n.test_accuracy IS NOT NULL AND n.m > 0 THEN
           (n.test_accuracy + n.z * n.z / (2 * n.m)
            - n.z * sqrt(n.test_accuracy * (1 - n.test_accuracy) / n.m + n.z * n.z / (4 * n.m * n.m)))
           / (1 + n.z * n.z / n.m) END AS test_accuracy_ci_low,
       CASE WHEN n.test_accuracy IS NOT NULL AND n.m > 0 THEN
           (n.test_accuracy + n.z * n.z / (2 * n.m)
            + n.z * sqrt(n.test_accuracy * (1 - n.test_accuracy) / n.m + n.z * n.z / (4 * n.m * n.m)))
           / (1 + n.z * n.z / n.m) END AS test_accuracy_ci_high,
       rv.value AS paper_accuracy,
       CASE WHEN rv.value IS NOT NULL THEN rv.source || ' (' || rv.status || ')' END AS paper_accuracy_source,
       CASE WHEN rv.value IS NOT NULL AND n.test_accuracy IS NOT NULL THEN n.test_accuracy < rv.value END AS below_paper
FROM n JOIN experiment e USING (experiment_id)
LEFT JOIN run r ON r.run_id = n.source_run_id
LEFT JOIN reference_value rv ON rv.finding = 'F7' AND rv.statistic = 'min_test_accuracy'
       AND rv.subject = n.architecture AND n.network_state = 'trained' AND n.finished;
