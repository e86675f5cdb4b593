package org.losslab.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import org.losslab.ExitCodes;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** Reports how a job execution ended and maps its status to the documented exit code. */
final class JobOutcome {

    private JobOutcome() {
    }

    static int report(JobExecution e) {
        LocalDateTime start = e.getStartTime() != null ? e.getStartTime() : e.getCreateTime();
        LocalDateTime end = e.getEndTime() != null ? e.getEndTime() : LocalDateTime.now();
        Duration took = Duration.between(start, end);
        System.out.printf("execution %d of %s: %s in %s%n", e.getId(), e.getJobInstance().getJobName(),
                e.getStatus(), took.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().substring(2).toLowerCase());
        if (e.getStatus() == BatchStatus.COMPLETED) {
            return ExitCodes.OK;
        }
        e.getAllFailureExceptions().forEach(t -> System.err.println("  failure: " + t.getMessage()));
        System.out.printf("resume with: ./losslab restart %d%n", e.getId());
        return e.getStatus() == BatchStatus.STOPPED ? ExitCodes.STOPPED : ExitCodes.FAILED;
    }
}
