package org.losslab.pipeline.regions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistDataCodec;
import org.losslab.regions.PlainDataset;
import org.losslab.pipeline.data.DatasetStore;
import org.springframework.stereotype.Component;

/**
 * The full-resolution (28×28, pixels / 255) MNIST inputs of an experiment for the region stages,
 * decoded once per process from the data set prepare-data stored (never from files), whatever
 * {@code data.downsample} says: region statistics are taken on the original images (§C.4).
 */
@Component
public class RegionDataCache {

    /** Train and test images with labels, rows of 784 features. */
    public record Images(PlainDataset train, PlainDataset test, String sha256) {
    }

    private final DatasetStore datasets;
    private final Map<String, Images> cache = new ConcurrentHashMap<>();

    public RegionDataCache(DatasetStore datasets) {
        this.datasets = datasets;
    }

    public Images forExperiment(long experimentId) {
        String sha = datasets.linked(experimentId, "mnist").orElseThrow(() -> new IllegalStateException(
                "experiment " + experimentId + " has no prepared data set"));
        return cache.computeIfAbsent(sha, k -> {
            MnistData data = MnistDataCodec.decode(datasets.payload(sha), "data set " + sha);
            Features.Matrix train = Features.pixels(data.train());
            Features.Matrix test = Features.pixels(data.test());
            return new Images(new PlainDataset(train.data(), Features.labels(data.train()), train.cols()),
                    new PlainDataset(test.data(), Features.labels(data.test()), test.cols()), sha);
        });
    }
}
