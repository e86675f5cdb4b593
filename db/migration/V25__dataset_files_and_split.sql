-- #15: what a data set was read from. split_kind names the split (standard-60000/10000, train-test-files,
-- holdout-from-train, holdout-from-file); verified_as the known data set whose SHA-256 the files matched
-- (mnist, mnist-10k; null: not known or not checked); file_sha256 the SHA-256 of each file's uncompressed
-- bytes by file name. Null in rows prepared before this migration.
ALTER TABLE dataset ADD COLUMN split_kind TEXT;
ALTER TABLE dataset ADD COLUMN verified_as TEXT;
ALTER TABLE dataset ADD COLUMN file_sha256 JSONB;

-- dataset is granted column by column (V3: never payload): the new columns are results.
GRANT SELECT (split_kind, verified_as, file_sha256) ON dataset TO losslab_analyst;
