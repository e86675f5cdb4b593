package org.losslab.pipeline;

import org.losslab.spec.JobSpec;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Identifying job parameters: the spec's name, the hash of its effective text and an instance
 * number (1, or higher for {@code rerun}). The same spec therefore maps to the same job instance,
 * which Spring Batch refuses to run twice at once and resumes after a failure.
 */
public final class JobParametersFactory {

    public static final String SPEC_SHA256 = "spec.sha256";
    public static final String INSTANCE = "instance";

    private JobParametersFactory() {
    }

    public static JobParameters of(JobSpec spec, long instance) {
        return new JobParametersBuilder()
                .addString(SPEC_SHA256, spec.sha256())
                .addLong(INSTANCE, instance)
                .toJobParameters();
    }
}
