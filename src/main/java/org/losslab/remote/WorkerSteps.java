package org.losslab.remote;

import java.util.Map;
import java.util.function.Function;
import org.losslab.batch.RegionsStepConfiguration;
import org.losslab.batch.TheoryStepConfiguration;
import org.losslab.batch.TrainingStepConfiguration;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;

/**
 * The worker steps a remote worker can run, by the name the manager sends, built for the spec of
 * the request's job instance. A new partitioned stage adds its worker step here.
 */
final class WorkerSteps {

    private final Map<String, Function<JobSpec, Step>> steps;

    WorkerSteps(TrainingStepConfiguration training, TheoryStepConfiguration theory, RegionsStepConfiguration regions) {
        this.steps = Map.of("train-block", training::trainBlock, "spinglass-block", theory::spinglassBlock,
                "region-networks-part", spec -> regions.workerStep("region-networks-part", spec),
                "sample-activations-part", spec -> regions.workerStep("sample-activations-part", spec),
                "region-statistics-part", spec -> regions.workerStep("region-statistics-part", spec));
    }

    Step create(String name, JobSpec spec) {
        Function<JobSpec, Step> factory = steps.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("this worker cannot run step '" + name + "' (known: "
                    + String.join(", ", steps.keySet()) + "); is it an older losslab version than the manager?");
        }
        return factory.apply(spec);
    }
}
