-- The analyst role reads results and views only (issue #18 item 2; docs/operations.md "Roles").
-- V3 gave losslab_analyst SELECT on every table created later by default, so parameter bytes
-- (region_network.params), sampler and optimizer state (region_sample, spinglass_block), leases
-- and machine identity (partition_lease, benchmark_run.host) became readable. From here on nothing
-- is readable by default: every new table is classified explicitly by the migration that creates it
-- (AnalystAllowListIT fails on a table or view that is not classified).
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM losslab_analyst;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM losslab_analyst;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM losslab_analyst;

-- results: whole tables
GRANT SELECT ON experiment, experiment_dataset, run, epoch_metric, size_summary,
    theory_threshold, complexity_curve, kac_rice, spinglass_result,
    cell_certificate, cell_check, cell_measurement,
    region_network_epoch, region_stat, region_kde, region_joint, region_joint_neuron, region_census, region_pattern_size,
    reference_value, comparison, benchmark_result
    TO losslab_analyst;

-- results with confidential columns: column by column (no parameter, state or digit bytes, no host)
GRANT SELECT (run_id, params_sha256, step_execution_id) ON final_params TO losslab_analyst;
GRANT SELECT (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, created_at)
    ON dataset TO losslab_analyst;
GRANT SELECT (job_execution_id, experiment_id, code_version, git_commit, nd4j_backend, nd4j_classifier, omp_threads,
              partition_threads, java_version, recorded_at) ON provenance TO losslab_analyst;
GRANT SELECT (benchmark_run_id, benchmark, quick, cores, code_version, git_commit, nd4j_backend, nd4j_classifier,
              omp_threads, java_version, ran_at) ON benchmark_run TO losslab_analyst;
DO $$
DECLARE
    cols TEXT;
BEGIN
    -- region_network: every column but the parameter and optimizer bytes
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'region_network'
      AND column_name NOT IN ('params', 'updater_state');
    EXECUTE format('GRANT SELECT (%s) ON region_network TO losslab_analyst', cols);
END
$$;

-- every view (the documented interface: none exposes parameter or state bytes)
DO $$
DECLARE
    v TEXT;
BEGIN
    FOR v IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm') LOOP
        EXECUTE format('GRANT SELECT ON %I TO losslab_analyst', v);
    END LOOP;
END
$$;
-- never: batch_* (job machinery), flyway_schema_history, heartbeat, partition_lease, checkpoint,
-- region_sample (sampler state), spinglass_block (optimizer state)
