-- The steps each job execution was assembled with, in the order they run (JobAssembler), written when the
-- execution starts. The report lists the planned steps that have not completed from this table, so a stage
-- added later is covered without a second, hand-written list. Job machinery like the batch_* tables: not
-- readable by losslab_analyst (classified DENIED in AnalystAllowListIT).
CREATE TABLE execution_step_plan (
    job_execution_id bigint  NOT NULL,
    position         integer NOT NULL,
    step_name        text    NOT NULL,
    stage            text    NOT NULL,
    PRIMARY KEY (job_execution_id, position)
);
REVOKE ALL ON execution_step_plan FROM losslab_analyst;
