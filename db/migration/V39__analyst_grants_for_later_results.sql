-- The analyst's allow-list (V27) grants by explicit list, so relations and columns added after it must be
-- granted by name: the enumeration results (V35) and the BLAS kernel recorded in provenance and benchmark_run
-- (V38; their host column stays hidden). Classified in AnalystAllowListIT.
GRANT SELECT ON enumeration_sample, enumeration_point, enumeration_kac_rice,
    v_enumeration_counts, v_enumeration_energy TO losslab_analyst;
GRANT SELECT (openblas_coretype) ON provenance TO losslab_analyst;
GRANT SELECT (openblas_coretype) ON benchmark_run TO losslab_analyst;
-- V27 listed the readable columns of dataset and provenance as they were on its branch; the split kind,
-- verified set and file checksums (V25) and the CPU description and time (V25) are results too.
GRANT SELECT (split_kind, verified_as, file_sha256) ON dataset TO losslab_analyst;
GRANT SELECT (cpu_cores, cpu_model, cpu_seconds) ON provenance TO losslab_analyst;
