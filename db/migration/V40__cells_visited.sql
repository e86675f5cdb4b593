-- Cells visited during training (issue 20 item 3; docs/science.md §C.4.1, F12): at each epoch checkpoint of a
-- trained region network (and at its random initialisation, epoch 0), per hidden layer, the activation patterns
-- of a fixed training subset (the first regions.visited_count training images). Written in the transaction of
-- the epoch's checkpoint (region_network), natural key network x epoch x layer.

-- A result: readable by the analyst.
CREATE TABLE region_cells_visited (
    experiment_id       BIGINT NOT NULL,
    network_key         TEXT NOT NULL,
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
    PRIMARY KEY (experiment_id, network_key, epoch, layer_no),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_cells_visited_step_idx ON region_cells_visited (step_execution_id);
GRANT SELECT ON region_cells_visited TO losslab_analyst;

-- The tracker's exact state (org.losslab.regions.CellVisits bytes: previous row patterns and the set seen so far)
-- after epoch `epoch`, so a restarted run continues it bit-identically. State: not readable by the analyst.
CREATE TABLE region_cells_state (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    epoch             INT NOT NULL CHECK (epoch >= 0),
    state             BYTEA NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_cells_state_step_idx ON region_cells_state (step_execution_id);

CREATE VIEW v_cells_visited AS
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
       c.experiment_id
FROM region_cells_visited c
JOIN region_network n ON n.experiment_id = c.experiment_id AND n.network_key = c.network_key
JOIN experiment e ON e.experiment_id = c.experiment_id;
GRANT SELECT ON v_cells_visited TO losslab_analyst;
