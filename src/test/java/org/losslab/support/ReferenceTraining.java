package org.losslab.support;

import java.util.HashMap;
import java.util.Map;
import org.losslab.pipeline.data.DataPreparation;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.FloatBytes;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer;

/**
 * Trains a spec's networks directly, without Spring Batch or a database: the uninterrupted
 * reference. The batched trainer's bits depend on its block, so the reference trains the same
 * blocks (restarts [0, b), [b, 2b), ...) as the partitioner.
 */
public final class ReferenceTraining {

    private ReferenceTraining() {
    }

    public static PreparedData data(JobSpec spec) {
        MnistData d = DataPreparation.load(spec.data());
        int side = spec.data().downsample();
        return new PreparedData(Features.downsampled(d.train(), side, side).data(), Features.labels(d.train()),
                Features.downsampled(d.test(), side, side).data(), Features.labels(d.test()), side * side, d.checksum());
    }

    /** SHA-256 of the final parameters of every restart of one width, keyed by restart. */
    public static Map<Integer, String> finalParamsSha256(JobSpec spec, PreparedData data, int width) {
        TrainingSpec t = spec.training();
        Map<Integer, String> out = new HashMap<>();
        for (int from = 0; from < t.restarts(); from += t.blockSize()) {
            int count = Math.min(t.blockSize(), t.restarts() - from);
            if ("batched".equals(t.trainer())) {
                int[] restarts = new int[count];
                for (int i = 0; i < count; i++) {
                    restarts[i] = from + i;
                }
                try (BatchedTrainer b = new BatchedTrainer(t, data, spec.seed(), width, restarts)) {
                    for (int e = 0; e < t.epochs(); e++) {
                        b.trainEpoch();
                    }
                    for (int i = 0; i < count; i++) {
                        out.put(restarts[i], FloatBytes.sha256(b.parameterBytes(i)));
                    }
                }
            } else {
                for (int r = from; r < from + count; r++) {
                    Dl4jRunTrainer d = new Dl4jRunTrainer(t, data, spec.seed(), width, r);
                    for (int e = 0; e < t.epochs(); e++) {
                        d.trainEpoch();
                    }
                    out.put(r, FloatBytes.sha256(d.parameterBytes()));
                }
            }
        }
        return out;
    }
}
