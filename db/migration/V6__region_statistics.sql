-- Region statistics of hidden pre-activations (science.md §C.4, Baskerville et al. 2021; §D.5 item 1):
-- the networks (random init and trained), the sampling checkpoints, and the statistics, KDE curves,
-- joint (R_2, R_3) histograms and activation-pattern censuses. Natural keys throughout; a network is
-- identified in an experiment by network_key = '<architecture>-<layer sizes>/<activation>/<state>'.

-- One network of the grid: its parameters (float32, little-endian), written by region-networks.
-- A trained network is checkpointed after every epoch (params, Adam state, iteration) until finished.
CREATE TABLE region_network (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    network_key       TEXT NOT NULL,               -- e.g. mlp-784-512-512-512-10/hardtanh/trained
    run_key           TEXT NOT NULL UNIQUE,        -- '<spec>-<hash8>/regions/' || network_key
    architecture      TEXT NOT NULL,               -- mlp | lenet
    layer_sizes       INT[] NOT NULL,              -- mlp: 784, widths…, 10; lenet: hidden units per layer
    activation        TEXT NOT NULL,               -- spec name: relu, hardtanh, leaky-relu-0.1, tanh-pl5, …
    pieces            INT NOT NULL,                -- L
    fit_epsilon       DOUBLE PRECISION,            -- certified sup error of a fitted activation (null: exact)
    network_state     TEXT NOT NULL,               -- random | trained
    seed              BIGINT NOT NULL,             -- initialisation seed (shared by the random and trained network)
    epochs_planned    INT NOT NULL,
    epochs_done       INT NOT NULL,
    iteration         BIGINT NOT NULL,
    finished          BOOLEAN NOT NULL,
    params            BYTEA NOT NULL,
    updater_state     BYTEA,                       -- only while training is unfinished
    params_sha256     TEXT,                        -- when finished
    train_size        INT NOT NULL,
    test_accuracy     DOUBLE PRECISION,            -- on the whole test set, when finished
    test_size         INT,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key)
);
CREATE INDEX region_network_step_idx ON region_network (step_execution_id);

CREATE TABLE region_network_epoch (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    epoch             INT NOT NULL,                -- 1-based
    train_loss        DOUBLE PRECISION NOT NULL,   -- mean minibatch loss of the epoch
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, epoch),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_network_epoch_step_idx ON region_network_epoch (step_execution_id);

-- Sampling progress of one (network, input set): the exact accumulator state after next_row rows
-- (kept when finished: region-statistics reads it). MNIST partitions also count census_train_rows
-- training images for the shared-pattern census (train_state).
CREATE TABLE region_sample (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    input_set         TEXT NOT NULL,               -- mnist | gaussian
    rows_total        INT NOT NULL,
    next_row          INT NOT NULL,
    train_rows_total  INT NOT NULL,
    train_next_row    INT NOT NULL,
    state             BYTEA NOT NULL,
    train_state       BYTEA,
    finished          BOOLEAN NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, input_set),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_sample_step_idx ON region_sample (step_execution_id);

-- One distribution: (layer or 'pooled', averaging, piece) of one (network, input set).
CREATE TABLE region_stat (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    input_set         TEXT NOT NULL,
    layer             TEXT NOT NULL,               -- fc1, conv1, … or pooled (all hidden units as one layer)
    averaging         TEXT NOT NULL,               -- data (a sample per unit: R_i) | neuron (a sample per datum: R̄_i)
    piece             INT NOT NULL,                -- 1..L, as in the paper
    layer_index       INT NOT NULL,                -- 0-based among hidden layers; -1 for pooled
    units             INT NOT NULL,                -- units of the layer (pooled: all hidden units)
    n_data            INT NOT NULL,                -- inputs sampled
    sample_size       INT NOT NULL,                -- data: units; neuron: n_data
    trials            INT NOT NULL,                -- binomial trials of the null (data: n_data; neuron: units)
    mean              DOUBLE PRECISION NOT NULL,   -- the grand mean ρ̂ of the piece (same for both averagings)
    sd                DOUBLE PRECISION NOT NULL,   -- population sd of the samples
    null_sd           DOUBLE PRECISION NOT NULL,   -- sqrt(ρ̂(1−ρ̂)/trials)
    sd_ratio          DOUBLE PRECISION NOT NULL,   -- sd / null_sd (NaN or Infinity when null_sd = 0)
    ks_distance       DOUBLE PRECISION NOT NULL,   -- Kolmogorov–Smirnov distance to Binomial(trials, ρ̂)/trials
    fraction_zero     DOUBLE PRECISION NOT NULL,   -- samples = 0 (data: units never in the piece, e.g. dead)
    fraction_one      DOUBLE PRECISION NOT NULL,   -- samples = 1 (data: units always in the piece)
    bimodality        DOUBLE PRECISION NOT NULL,   -- Sarle's coefficient (> 5/9 suggests bimodality)
    kde_bandwidth     DOUBLE PRECISION NOT NULL,   -- Scott's rule; NaN when the samples are all equal
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, input_set, layer, averaging, piece),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_stat_step_idx ON region_stat (step_execution_id);

-- Gaussian KDE of each distribution with reflection at 0 and 1, on a grid of kde_points points of [0, 1].
CREATE TABLE region_kde (
    experiment_id BIGINT NOT NULL,
    network_key   TEXT NOT NULL,
    input_set     TEXT NOT NULL,
    layer         TEXT NOT NULL,
    averaging     TEXT NOT NULL,
    piece         INT NOT NULL,
    point         INT NOT NULL,                    -- 0-based grid index
    x             DOUBLE PRECISION NOT NULL,
    density       DOUBLE PRECISION NOT NULL,       -- NaN when the bandwidth is undefined
    PRIMARY KEY (experiment_id, network_key, input_set, layer, averaging, piece, point),
    FOREIGN KEY (experiment_id, network_key, input_set, layer, averaging, piece)
        REFERENCES region_stat (experiment_id, network_key, input_set, layer, averaging, piece)
);

-- Joint data averages (R_2, R_3) of 3-piece activations (HardTanh; pieces 2 and 3): one point per unit.
CREATE TABLE region_joint (
    experiment_id     BIGINT NOT NULL,
    network_key       TEXT NOT NULL,
    input_set         TEXT NOT NULL,
    layer             TEXT NOT NULL,
    unit              INT NOT NULL,                -- 0-based (conv: c·H·W + y·W + x)
    r2                DOUBLE PRECISION NOT NULL,   -- fraction of the inputs on which the unit is in piece 2
    r3                DOUBLE PRECISION NOT NULL,   -- … in piece 3
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, input_set, layer, unit),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_joint_step_idx ON region_joint (step_execution_id);

-- Activation-pattern census of one layer over the inputs (science.md §D.5 item 1): distinct patterns
-- (the layer's linear regions hit by the data), data per pattern, and for MNIST the patterns shared
-- with train_data training images.
CREATE TABLE region_census (
    experiment_id          BIGINT NOT NULL,
    network_key            TEXT NOT NULL,
    input_set              TEXT NOT NULL,
    layer                  TEXT NOT NULL,
    layer_index            INT NOT NULL,
    units                  INT NOT NULL,
    n_data                 INT NOT NULL,
    distinct_patterns      INT NOT NULL,
    largest_pattern_count  BIGINT NOT NULL,       -- data sharing the most common pattern
    singleton_patterns     INT NOT NULL,          -- patterns of exactly one datum
    mean_data_per_pattern  DOUBLE PRECISION NOT NULL,
    train_data             INT,                   -- training images censused (null: none, e.g. Gaussian inputs)
    train_distinct         INT,
    shared_distinct        INT,                   -- patterns seen on both the inputs and the training images
    data_in_shared         BIGINT,                -- inputs whose pattern also occurs on a training image
    train_data_in_shared   BIGINT,                -- training images whose pattern also occurs on an input
    fingerprint            TEXT NOT NULL,         -- order-sensitive hash of the layer's pattern matrix
    step_execution_id      BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, network_key, input_set, layer),
    FOREIGN KEY (experiment_id, network_key) REFERENCES region_network (experiment_id, network_key)
);
CREATE INDEX region_census_step_idx ON region_census (step_execution_id);

-- How many patterns hold exactly data_per_pattern inputs (the distribution of data per pattern).
CREATE TABLE region_pattern_size (
    experiment_id    BIGINT NOT NULL,
    network_key      TEXT NOT NULL,
    input_set        TEXT NOT NULL,
    layer            TEXT NOT NULL,
    data_per_pattern BIGINT NOT NULL,
    patterns         INT NOT NULL,
    PRIMARY KEY (experiment_id, network_key, input_set, layer, data_per_pattern),
    FOREIGN KEY (experiment_id, network_key, input_set, layer)
        REFERENCES region_census (experiment_id, network_key, input_set, layer)
);

-- The documented interface (README "Results schema"). n is the number of samples of the distribution
-- (data averaging: units; neuron averaging: inputs). For one (run_key, input_set, layer, averaging),
-- mean summed over pieces is 1, and the data- and neuron-averaged mean of a piece are equal.
CREATE VIEW v_region_stats AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.activation, n.network_state, s.input_set,
       s.layer, s.layer_index, s.piece, s.averaging, s.sample_size AS n, s.mean, s.sd, s.null_sd, s.sd_ratio,
       s.ks_distance, s.fraction_zero, s.fraction_one, s.bimodality, s.units, s.n_data, s.trials,
       s.kde_bandwidth, n.pieces, n.layer_sizes, n.test_accuracy, n.network_key, s.experiment_id
FROM region_stat s
JOIN region_network n USING (experiment_id, network_key)
JOIN experiment e USING (experiment_id);

-- KDE curves with their grid cell (for figures).
CREATE VIEW v_region_kde AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.activation, n.network_state, k.input_set, k.layer,
       k.piece, k.averaging, k.point, k.x, k.density, k.experiment_id
FROM region_kde k
JOIN region_network n USING (experiment_id, network_key)
JOIN experiment e USING (experiment_id);

-- Per-unit (R_2, R_3) (data averaging) per layer, and all hidden units again as layer 'pooled'.
CREATE VIEW v_region_joint AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.activation, n.network_state, j.input_set,
       'data'::text AS averaging, l.layer, j.unit, j.r2, j.r3, j.experiment_id
FROM region_joint j
JOIN region_network n USING (experiment_id, network_key)
JOIN experiment e USING (experiment_id)
CROSS JOIN LATERAL (VALUES (j.layer), ('pooled')) AS l (layer);

CREATE VIEW v_region_networks AS
SELECT n.run_key, e.name AS experiment, n.architecture, n.layer_sizes, n.activation, n.pieces, n.fit_epsilon,
       n.network_state, n.seed, n.epochs_planned, n.epochs_done, n.finished, n.train_size, n.test_accuracy,
       n.test_size, n.params_sha256, n.network_key, n.experiment_id
FROM region_network n JOIN experiment e USING (experiment_id);
