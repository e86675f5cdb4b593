package org.losslab.ops;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.losslab.job.HeartbeatService;
import org.losslab.pipeline.JobParametersFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The job instances of a spec: instance 1 is what {@code run} starts; {@code rerun} and scheduled
 * launches start the next free instance number (an identifying job parameter, so a new instance
 * with its own run keys, {@code …/rerun-N/…}); whether a run of the spec is still going anywhere.
 */
@Service
public class SpecInstances {

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final HeartbeatService heartbeats;

    public SpecInstances(JobRepository jobRepository, JdbcTemplate jdbc, HeartbeatService heartbeats) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.heartbeats = heartbeats;
    }

    /** The first instance number of this spec (name and effective text) that has no job instance yet. */
    public long nextInstance(JobSpec spec) {
        Long max = jdbc.queryForObject("SELECT max(instance_no) FROM experiment WHERE name = ? AND spec_sha256 = ?",
                Long.class, spec.name(), spec.sha256());
        long k = max == null ? 1 : max + 1;
        while (k > 1 && jobRepository.getJobInstance(spec.name(), JobParametersFactory.of(spec, k - 1)) == null) {
            k--; // an experiment row always has its instance; this only guards hand-edited tables
        }
        while (jobRepository.getJobInstance(spec.name(), JobParametersFactory.of(spec, k)) != null) {
            k++;
        }
        return k;
    }

    /** The last execution of instance {@code k} of the spec, if that instance exists. */
    public Optional<JobExecution> lastExecution(JobSpec spec, long k) {
        JobInstance instance = jobRepository.getJobInstance(spec.name(), JobParametersFactory.of(spec, k));
        return instance == null ? Optional.empty() : Optional.ofNullable(jobRepository.getLastJobExecution(instance));
    }

    /**
     * A description of a run of a spec with this name that is still going (any instance, any
     * process), or empty. An execution left STARTED by a process that is gone does not count (it is
     * resumed with {@code restart}); one created moments ago counts even before its first beat.
     */
    public Optional<String> running(String specName) {
        for (JobExecution e : jobRepository.findRunningJobExecutions(specName)) {
            String owner = heartbeats.liveOwner(e.getId());
            boolean young = e.getCreateTime() != null
                    && Duration.between(e.getCreateTime(), LocalDateTime.now()).compareTo(HeartbeatService.staleAfter()) < 0;
            if (owner != null || young) {
                return Optional.of("execution " + e.getId() + " (instance "
                        + e.getJobParameters().getLong(JobParametersFactory.INSTANCE) + ") is " + e.getStatus()
                        + (owner != null ? ", owned by " + owner : ", just started"));
            }
        }
        return Optional.empty();
    }
}
