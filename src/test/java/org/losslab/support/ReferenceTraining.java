package org.losslab.support;

import org.losslab.batch.DataPreparation;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.spec.JobSpec;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.FloatBytes;
import org.losslab.training.PreparedData;

/** Trains a run directly, without Spring Batch or a database: the uninterrupted reference. */
public final class ReferenceTraining {

    private ReferenceTraining() {
    }

    public static PreparedData data(JobSpec spec) {
        MnistData d = DataPreparation.load(spec.data());
        int side = spec.data().downsample();
        return new PreparedData(Features.downsampled(d.train(), side, side).data(), Features.labels(d.train()),
                Features.downsampled(d.test(), side, side).data(), Features.labels(d.test()), side * side, d.checksum());
    }

    public static String finalParamsSha256(JobSpec spec, PreparedData data, int width, int restart) {
        Dl4jRunTrainer t = new Dl4jRunTrainer(spec.training(), data, spec.seed(), width, restart);
        for (int e = 0; e < spec.training().epochs(); e++) {
            t.trainEpoch();
        }
        return FloatBytes.sha256(t.parameterBytes());
    }
}
