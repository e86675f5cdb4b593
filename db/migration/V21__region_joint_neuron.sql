-- Neuron-averaged joint (R̄_2, R̄_3) of 3-piece activations (HardTanh; science.md §C.4): for each datum
-- the fractions of a layer's units (or of all hidden units, layer 'pooled') in pieces 2 and 3. Stored as
-- a histogram of the per-datum unit counts (k2, k3): n_data inputs had exactly k2 units in piece 2 and
-- k3 in piece 3, so R̄_2 = k2 / units and R̄_3 = k3 / units. Written by region-statistics.
CREATE TABLE region_joint_neuron (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    input_set         TEXT NOT NULL,
    layer             TEXT NOT NULL,               -- fc1, conv1, … or pooled (all hidden units)
    units             INT NOT NULL,                -- n_ℓ (pooled: all hidden units)
    k2                INT NOT NULL,                -- units in piece 2 (the linear middle)
    k3                INT NOT NULL,                -- units in piece 3 (saturated at +1)
    n_data            BIGINT NOT NULL,             -- inputs with exactly these counts
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, input_set, layer, k2, k3),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key),
    CHECK (k2 >= 0 AND k3 >= 0 AND k2 + k3 <= units AND n_data > 0)
);
CREATE INDEX region_joint_neuron_step_idx ON region_joint_neuron (step_execution_id);

-- v_region_joint gains the neuron averaging: one row per datum (unit is null), per layer and pooled,
-- besides the data-averaged rows (one per unit, per layer and again as 'pooled').
CREATE OR REPLACE VIEW v_region_joint AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.activation, n.network_state, j.input_set,
       'data'::text AS averaging, l.layer, j.unit, j.r2, j.r3, j.experiment_id
FROM region_joint j
JOIN region_network n USING (experiment_id, network_key)
JOIN experiment e USING (experiment_id)
CROSS JOIN LATERAL (VALUES (j.layer), ('pooled')) AS l (layer)
UNION ALL
SELECT n.run_key, e.name, n.architecture, n.activation, n.network_state, h.input_set,
       'neuron'::text, h.layer, NULL::int, h.k2::double precision / h.units, h.k3::double precision / h.units,
       h.experiment_id
FROM region_joint_neuron h
JOIN region_network n USING (experiment_id, network_key)
JOIN experiment e USING (experiment_id)
CROSS JOIN LATERAL generate_series(1, h.n_data) AS d (i);
