-- Cells visited during SGD training of a sample of the training stage's runs (issue 20 item 3; docs/science.md
-- §C.4.1, F12): training.cells_visited {runs, subset} picks `runs` restarts per hidden width by seed and takes, at the
-- random initialisation (epoch 0) and after every epoch, the census of the first `subset` training rows per hidden
-- layer, with the counting code of the region networks (org.losslab.regions.CellVisits). Written in the transaction
-- of the epoch's checkpoint, natural key run x epoch x layer.

-- A result: readable by the analyst.
CREATE TABLE run_cells_visited (
    run_id              BIGINT NOT NULL REFERENCES run (run_id),
    epoch               INT NOT NULL CHECK (epoch >= 0),      -- 0: the random initialisation
    layer_no            INT NOT NULL CHECK (layer_no >= 0),   -- hidden layer, in forward order
    layer               TEXT NOT NULL,
    units               INT NOT NULL,
    subset_rows         INT NOT NULL,                         -- rows of the fixed training subset
    patterns            INT NOT NULL,                         -- distinct patterns of the subset at this epoch
    new_patterns        INT,                                  -- absent at the previous epoch (null at epoch 0)
    cumulative_patterns BIGINT NOT NULL,                      -- distinct patterns over epochs 0..epoch
    rows_changed        INT,                                  -- rows whose pattern changed (null at epoch 0)
    dead_fraction       DOUBLE PRECISION NOT NULL,            -- units in the lowest piece on every row
    always_on_fraction  DOUBLE PRECISION NOT NULL,            -- units in the highest piece on every row
    step_execution_id   BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (run_id, epoch, layer_no)
);
CREATE INDEX run_cells_visited_step_idx ON run_cells_visited (step_execution_id);
GRANT SELECT ON run_cells_visited TO losslab_analyst;

-- The tracker's exact state (CellVisits bytes) after epoch `epoch`, so a restarted run continues it bit-identically.
-- State: not readable by the analyst.
CREATE TABLE run_cells_state (
    run_id            BIGINT PRIMARY KEY REFERENCES run (run_id),
    epoch             INT NOT NULL CHECK (epoch >= 0),
    state             BYTEA NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id)
);
CREATE INDEX run_cells_state_step_idx ON run_cells_state (step_execution_id);
REVOKE ALL ON run_cells_state FROM losslab_analyst;

-- Both censuses, the column `source` saying which: 'regions' (region networks, V40) or 'training' (a sampled run of
-- the training stage; network = its run key). Columns as in V40, source appended.
CREATE OR REPLACE VIEW v_cells_visited AS
SELECT e.name                 AS experiment,
       c.network_key          AS network,
       n.architecture,
       n.activation,
       c.layer_no,
       c.layer,
       c.units,
       c.epoch,
       c.subset_rows,
       c.patterns,
       c.new_patterns,
       c.cumulative_patterns,
       c.rows_changed,
       c.dead_fraction,
       c.always_on_fraction,
       c.experiment_id,
       'regions'::text        AS source
FROM region_cells_visited c
JOIN region_network n ON n.experiment_id = c.experiment_id AND n.network_key = c.network_key
JOIN experiment e ON e.experiment_id = c.experiment_id
UNION ALL
SELECT e.name,
       r.run_key,
       r.architecture,
       r.activation,
       c.layer_no,
       c.layer,
       c.units,
       c.epoch,
       c.subset_rows,
       c.patterns,
       c.new_patterns,
       c.cumulative_patterns,
       c.rows_changed,
       c.dead_fraction,
       c.always_on_fraction,
       r.experiment_id,
       'training'::text
FROM run_cells_visited c
JOIN run r ON r.run_id = c.run_id
JOIN experiment e ON e.experiment_id = r.experiment_id;
GRANT SELECT ON v_cells_visited TO losslab_analyst;
