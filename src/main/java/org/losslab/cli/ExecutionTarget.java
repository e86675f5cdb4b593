package org.losslab.cli;

import org.losslab.job.JobRunner;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code EXECUTION_ID | --last}: which execution a command acts on (restart, report). */
class ExecutionTarget {

    @Parameters(paramLabel = "EXECUTION_ID")
    Long executionId;

    @Option(names = "--last", description = "The most recently created execution.")
    boolean last;

    /** The execution id, or null when {@code --last} finds no execution at all. */
    Long resolve(JobRunner runner) {
        return last ? runner.lastExecutionId().orElse(null) : executionId;
    }
}
