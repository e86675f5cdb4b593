-- The annealing trainer of the one-hidden-layer network (issue 20 item 1; docs/science.md §A.5.3, F6): each run
-- records which trainer made it (null for runs planned before this migration), v_runs shows it, and every
-- annealing sweep keeps its temperature, proposal step and acceptance next to the run's epoch_metric row.

ALTER TABLE run ADD COLUMN trainer TEXT CHECK (trainer IN ('batched', 'dl4j', 'annealing'));

CREATE OR REPLACE VIEW v_runs AS
SELECT r.run_key,
       e.name                          AS experiment,
       r.job_execution_id              AS execution_id,
       r.architecture,
       r.widths,
       r.activation,
       r.seed,
       r.restart,
       r.status,
       r.epochs_done,
       r.diverged_epoch,
       m.train_loss                    AS final_train_loss,
       m.test_loss                     AS final_test_loss,
       m.test_error                    AS final_test_error,
       f.params_sha256,
       r.dataset_sha256,
       r.run_id,
       r.experiment_id,
       r.trainer
FROM run r
JOIN experiment e ON e.experiment_id = r.experiment_id
LEFT JOIN epoch_metric m ON m.run_id = r.run_id AND m.epoch = r.epochs_done
LEFT JOIN final_params f ON f.run_id = r.run_id;

-- One row per annealing sweep of a run (natural key run × sweep), written in the sweep's chunk transaction with
-- its epoch_metric row and checkpoint. A result: readable by the analyst.
CREATE TABLE anneal_sweep (
    run_id            BIGINT NOT NULL REFERENCES run (run_id),
    sweep             INT NOT NULL CHECK (sweep >= 1),
    temperature       DOUBLE PRECISION NOT NULL,  -- T_k in units of the mean cross-entropy; 0 at the last sweep
    step              DOUBLE PRECISION NOT NULL,  -- s_k, sd of a parameter's Gaussian proposal
    acceptance        DOUBLE PRECISION NOT NULL,  -- fraction of the sweep's proposals accepted
    annealing_loss    DOUBLE PRECISION NOT NULL,  -- mean cross-entropy on the annealing set after the sweep
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (run_id, sweep)
);
CREATE INDEX anneal_sweep_step_idx ON anneal_sweep (step_execution_id);
GRANT SELECT ON anneal_sweep TO losslab_analyst;
