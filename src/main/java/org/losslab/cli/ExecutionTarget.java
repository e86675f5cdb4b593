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

    /** Refuses an id that cannot name an execution, before anything opens the database. */
    ExecutionTarget validate() {
        checkId(executionId);
        return this;
    }

    static void checkId(Long id) {
        if (id != null && id < 1) {
            throw new org.losslab.BadInputException("EXECUTION_ID must be a positive integer, not " + id);
        }
    }

    /** What to say when the database holds no losslab schema at all (so no execution either). */
    String missingMessage() {
        return last ? "there is no execution in this database yet" : "no job execution " + executionId + " in this database";
    }

    /** The execution id, or null when {@code --last} finds no execution at all. */
    Long resolve(JobRunner runner) {
        return last ? runner.lastExecutionId().orElse(null) : executionId;
    }
}
