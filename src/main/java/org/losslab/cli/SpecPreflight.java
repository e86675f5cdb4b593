package org.losslab.cli;

import org.losslab.batch.DataPreparation;
import org.losslab.batch.PipelineJobFactory;
import org.losslab.batch.ResourceCheck;
import org.losslab.spec.JobSpec;

/**
 * What {@code run} and {@code rerun} check before anything is written: the memory every stage of the
 * spec needs, and the data files when a stage reads them (a bad file or size exits 2, nothing written).
 */
final class SpecPreflight {

    private SpecPreflight() {
    }

    static void check(JobSpec job) {
        ResourceCheck.check(job);
        if (PipelineJobFactory.needsData(job)) {
            DataPreparation.load(job.data());
        }
    }
}
