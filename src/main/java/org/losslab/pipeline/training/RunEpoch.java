package org.losslab.pipeline.training;

import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;

/** One trained epoch of one run, ready to be recorded: metrics, checkpoint and the run's new status. */
record RunEpoch(RunRecord run, EpochResult result, Checkpoint checkpoint, String status) {

    static String status(RunRecord run, EpochResult r) {
        return r.diverged() ? "DIVERGED" : r.epoch() >= run.epochsPlanned() ? "COMPLETED" : "RUNNING";
    }
}
