-- Simulated annealing on the spherical 3-spin model (issue 20 item 1; docs/science.md §A.5.3, F6): a block of
-- annealing restarts is checkpointed next to the descent block of the same (N, first restart), so the block key
-- gains the flag "annealing"; an annealing result row adds u where the Metropolis chain ended (before the polish)
-- and the fraction of proposals accepted. Both are null for descents.

ALTER TABLE spinglass_block ADD COLUMN annealing BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE spinglass_block DROP CONSTRAINT spinglass_block_pkey;
ALTER TABLE spinglass_block ADD PRIMARY KEY (experiment_id, n, first_restart, annealing);

ALTER TABLE spinglass_result
    ADD COLUMN annealed_energy DOUBLE PRECISION,  -- u = H/N where the chain ended, before the polish
    ADD COLUMN acceptance      DOUBLE PRECISION,  -- fraction of Metropolis proposals accepted
    ADD CONSTRAINT spinglass_result_annealing_columns CHECK (
        (method = 'annealing') = (annealed_energy IS NOT NULL AND acceptance IS NOT NULL));

CREATE OR REPLACE VIEW v_spinglass AS
SELECT e.name AS experiment, s.n, s.restart, s.method, s.final_energy, s.grad_norm, s.converged, s.idx, s.steps,
       s.experiment_id, s.annealed_energy, s.acceptance
FROM spinglass_result s JOIN experiment e USING (experiment_id);
