package org.losslab.job;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Spring Batch marks a step (and then its job) UNKNOWN when a chunk transaction ends in an unknown
 * state, typically because the database connection dropped during the commit or the rollback
 * (a PostgreSQL restart in the middle of a job). It then refuses to restart the job instance
 * ever again, because in general a half-applied chunk cannot be told from a whole one.
 *
 * <p>In losslab it can: every result of an epoch commits in the same transaction as the step
 * progress it belongs to, and every write is keyed on a natural key, so whatever the outcome of
 * the lost commit, the database holds a consistent state that a restarted partition continues
 * from. A restart therefore turns the instance's UNKNOWN executions into FAILED ones, once no live
 * process owns them (checked by the caller), and resumes as after any failure.
 */
final class UnknownStatusRecovery {

    private static final Logger log = LoggerFactory.getLogger(UnknownStatusRecovery.class);

    private UnknownStatusRecovery() {
    }

    /** Marks the UNKNOWN job and step executions of the execution's instance FAILED; returns it reloaded. */
    static JobExecution resolve(JobRepository repository, JobExecution execution) {
        for (JobExecution listed : repository.getJobExecutions(execution.getJobInstance())) {
            JobExecution e = repository.getJobExecution(listed.getId());
            if (e == null) {
                continue;
            }
            for (StepExecution s : e.getStepExecutions()) {
                if (s.getStatus() == BatchStatus.UNKNOWN) {
                    log.info("Step execution {} ({}) ended UNKNOWN (its database connection was lost); "
                            + "marking it FAILED so that it resumes from its committed progress", s.getId(), s.getStepName());
                    s.setStatus(BatchStatus.FAILED);
                    s.setExitStatus(ExitStatus.FAILED.addExitDescription("UNKNOWN after a lost connection; resumed"));
                    if (s.getEndTime() == null) {
                        s.setEndTime(LocalDateTime.now());
                    }
                    repository.update(s);
                }
            }
            if (e.getStatus() == BatchStatus.UNKNOWN) {
                log.info("Execution {} ended UNKNOWN (its database connection was lost); marking it FAILED", e.getId());
                e.setStatus(BatchStatus.FAILED);
                e.setExitStatus(ExitStatus.FAILED.addExitDescription("UNKNOWN after a lost connection; resumed"));
                if (e.getEndTime() == null) {
                    e.setEndTime(LocalDateTime.now());
                }
                repository.update(e);
            }
        }
        return repository.getJobExecution(execution.getId());
    }
}
