-- Remote partitioning (README "Remote workers"): which worker process holds which partition.
-- A worker claims a partition's step execution before it runs it (the primary key makes the claim
-- exclusive, so a redelivered request never runs twice) and beats while it trains. The manager
-- fails the partitions of workers that stopped beating, and restart refuses to take an execution
-- over while a live worker still holds one of its partitions.
CREATE TABLE partition_lease (
    step_execution_id BIGINT PRIMARY KEY REFERENCES batch_step_execution (step_execution_id),
    job_execution_id  BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    host              TEXT NOT NULL,
    pid               BIGINT NOT NULL,
    omp_threads       INT NOT NULL,
    sent_at           TIMESTAMPTZ,          -- manager's clock when the request left
    received_at       TIMESTAMPTZ NOT NULL, -- worker's clock when it arrived (transit = received_at - sent_at)
    claimed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    beat_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX partition_lease_exec_idx ON partition_lease (job_execution_id);
