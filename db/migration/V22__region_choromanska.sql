-- Choromanska MLPs in the region grid (science.md §A.5.2, §C.4): architecture 'choromanska' samples
-- the networks the train stage trained. Such a region_network row names its training run
-- (source_run_id) and stores no parameter bytes: 'trained' is the run's final_params row, 'random' its
-- initial parameters, re-derived from run.seed (params_sha256 is the hash of the parameters the state
-- stands for; iteration is 0: the train stage does not count iterations).
ALTER TABLE region_network ALTER COLUMN params DROP NOT NULL;
ALTER TABLE region_network ADD COLUMN source_run_id BIGINT REFERENCES run (run_id);
ALTER TABLE region_network ADD CONSTRAINT region_network_params_or_run
    CHECK (params IS NOT NULL OR source_run_id IS NOT NULL);
CREATE INDEX region_network_source_run_idx ON region_network (source_run_id);

-- v_region_networks gains the training run's key (null for the networks the regions stage trains).
CREATE OR REPLACE VIEW v_region_networks AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.layer_sizes, n.activation, n.pieces, n.fit_epsilon,
       n.network_state, n.seed, n.epochs_planned, n.epochs_done, n.finished, n.train_size, n.test_accuracy,
       n.test_size, n.params_sha256, n.network_key, n.experiment_id, r.run_key AS source_run_key
FROM region_network n JOIN experiment e USING (experiment_id)
LEFT JOIN run r ON r.run_id = n.source_run_id;
