package org.losslab.pipeline.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistDataCodec;
import org.losslab.spec.JobSpec;
import org.losslab.training.PreparedData;
import org.springframework.stereotype.Component;

/**
 * The training inputs of an experiment, decoded once per process from the stored data set (not
 * from files: what trains is exactly what prepare-data recorded) and area-downsampled as the spec
 * says (science.md §A.5.2: 28×28 → 10×10).
 */
@Component
public class TrainingDataCache {

    private final DatasetStore datasets;
    private final Map<String, PreparedData> cache = new ConcurrentHashMap<>();

    public TrainingDataCache(DatasetStore datasets) {
        this.datasets = datasets;
    }

    public PreparedData forExperiment(long experimentId, JobSpec spec) {
        String sha = datasets.linked(experimentId, "mnist").orElseThrow(() -> new IllegalStateException(
                "experiment " + experimentId + " has no prepared data set"));
        int side = spec.data().downsample();
        return cache.computeIfAbsent(sha + "@" + side, k -> {
            MnistData data = MnistDataCodec.decode(datasets.payload(sha), "data set " + sha);
            Features.Matrix train = Features.downsampled(data.train(), side, side);
            Features.Matrix test = Features.downsampled(data.test(), side, side);
            return new PreparedData(train.data(), Features.labels(data.train()), test.data(),
                    Features.labels(data.test()), side * side, sha);
        });
    }
}
