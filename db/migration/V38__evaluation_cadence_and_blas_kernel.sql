-- Evaluation cadence (issue #15 item 2; training.evaluate_train_every): the loss and error on the full
-- training set are evaluated every E epochs, after the last epoch and at a divergence; NULL after the
-- epochs in between (a gap in the curve, never a guessed value). The test loss stays every epoch, and
-- v_runs reads the last epoch, which is always evaluated.
ALTER TABLE epoch_metric ALTER COLUMN train_loss DROP NOT NULL,
                         ALTER COLUMN train_error DROP NOT NULL;
ALTER TABLE epoch_metric ADD CONSTRAINT epoch_metric_train_evaluated_together
    CHECK ((train_loss IS NULL) = (train_error IS NULL));

-- The OpenBLAS kernel (OPENBLAS_CORETYPE, e.g. SkylakeX or Haswell) changes floating-point bits like
-- the thread count (issue #16): recorded with every execution and benchmark. NULL: not recorded
-- (rows from before this migration).
ALTER TABLE provenance ADD COLUMN openblas_coretype TEXT;
ALTER TABLE benchmark_run ADD COLUMN openblas_coretype TEXT;
