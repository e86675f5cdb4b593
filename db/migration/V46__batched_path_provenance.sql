-- Which kernels trained the batched blocks (org.losslab.training.batched.BatchedPath): 'fast' = OpenBLAS called
-- directly (CPU), 'nd4j' = ND4J's backend-neutral ops (the GPU path, or forced on a CPU with
-- -Dlosslab.batched.path=nd4j). The path changes floating-point bits, like the backend and the thread count, but
-- not the checkpoint format, so it is provenance of the execution (and of a benchmark run), not of a checkpoint:
-- resuming a run on the other path continues it correctly and is recorded here. NULL for rows before V46.
-- Analyst-readable like the other provenance columns (classified in AnalystAllowListIT).
ALTER TABLE provenance ADD COLUMN batched_path TEXT;
ALTER TABLE benchmark_run ADD COLUMN batched_path TEXT;
GRANT SELECT (batched_path) ON provenance TO losslab_analyst;
GRANT SELECT (batched_path) ON benchmark_run TO losslab_analyst;
