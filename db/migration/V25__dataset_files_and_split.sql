-- #15: what a data set was read from. split_kind names the split (standard-60000/10000, train-test-files,
-- holdout-from-train, holdout-from-file); verified_as the known data set whose SHA-256 the files matched
-- (mnist, mnist-10k; null: not known or not checked); file_sha256 the SHA-256 of each file's uncompressed
-- bytes by file name. Null in rows prepared before this migration.
ALTER TABLE dataset ADD COLUMN split_kind TEXT;
ALTER TABLE dataset ADD COLUMN verified_as TEXT;
ALTER TABLE dataset ADD COLUMN file_sha256 JSONB;

-- dataset is granted column by column (V3: never payload): the new columns are results.
GRANT SELECT (split_kind, verified_as, file_sha256) ON dataset TO losslab_analyst;

-- The machine and CPU time of an execution (for the published result pages): cpu_model and cpu_cores of
-- the process that ran it, cpu_seconds the CPU time of that process (all its threads) from the start to the
-- end of the execution; null for an execution killed before its end, and remote workers' CPU is not in it.
ALTER TABLE provenance ADD COLUMN cpu_model TEXT;
ALTER TABLE provenance ADD COLUMN cpu_cores INT;
ALTER TABLE provenance ADD COLUMN cpu_seconds DOUBLE PRECISION;
