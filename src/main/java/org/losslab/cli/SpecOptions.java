package org.losslab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslab.spec.JobSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec a job command starts ({@code run}, {@code rerun}): its YAML file and {@code --set} overrides. */
class SpecOptions {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Job spec YAML file.")
    Path spec;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec value, e.g. training.epochs=8.")
    List<String> overrides = new ArrayList<>();

    /**
     * The spec, read and checked (memory, data files) before anything is written, and its plan printed
     * (docs/operations.md "The plan"): bad input and a plan beyond its limits exit 2.
     */
    JobSpec load() {
        JobSpec job = read();
        SpecPreflight.check(job);
        ApplicationContexts.probeConfiguredServer(); // an unreachable server exits 5 before the plan is printed
        RunPlans.printAndCheck(job);
        return job;
    }

    /** The spec, parsed and validated only. */
    JobSpec read() {
        return JobSpec.load(spec, overrides);
    }
}
