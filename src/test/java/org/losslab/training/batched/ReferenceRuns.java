package org.losslab.training.batched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.PreparedData;

/** {@link Dl4jRunTrainer} runs, memoized so that several tests compare against one reference computation. */
final class ReferenceRuns {

    record Run(List<EpochResult> results, List<float[]> params) {
    }

    private static final Map<String, Run> CACHE = new ConcurrentHashMap<>();

    private ReferenceRuns() {
    }

    static Run run(TrainingSpec spec, PreparedData data, int width, int restart, int epochs) {
        String key = spec + "|" + data.trainCount() + "|" + data.testCount() + "|" + width + "|" + restart + "|" + epochs;
        return CACHE.computeIfAbsent(key, k -> {
            Dl4jRunTrainer t = new Dl4jRunTrainer(spec, data, BatchedFixtures.SEED, width, restart);
            List<EpochResult> results = new ArrayList<>();
            List<float[]> params = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                results.add(t.trainEpoch());
                params.add(FloatBytes.decode(t.parameterBytes()));
            }
            return new Run(results, params);
        });
    }

    /** max |a − b| / max |b|: the deviation relative to the parameters' scale. */
    static double relativeDeviation(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double dev = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            dev = Math.max(dev, Math.abs((double) a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
            if (Float.isNaN(a[i]) != Float.isNaN(b[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return dev / scale;
    }
}
