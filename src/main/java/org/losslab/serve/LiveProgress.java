package org.losslab.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.job.ProgressLine;
import org.losslab.pipeline.JobAssembler;
import org.losslab.pipeline.StageProgress;
import org.losslab.report.ExecutionFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An execution's state as the page and its JSON poll show it: status and duration, per-stage progress
 * computed as the CLI's progress line computes it ({@link JobAssembler#progress}, {@link ProgressLine}:
 * rate and ETA since this server first saw the stage), runs per hidden width as the report counts them,
 * and the number of epoch rows (the loss curves change when it does).
 */
@Component
class LiveProgress {

    private final JdbcTemplate jdbc;
    private final JobAssembler jobs;
    private final ExecutionQueries executions;
    private final Map<String, ProgressLine> lines = new ConcurrentHashMap<>();

    LiveProgress(JdbcTemplate jdbc, JobAssembler jobs, ExecutionQueries executions) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.executions = executions;
    }

    /** The state of execution {@code id}, or null if there is none. */
    Map<String, Object> of(long id) {
        Map<String, Object> row = executions.one(id);
        if (row == null) {
            return null;
        }
        ExecutionFacts facts = ExecutionFacts.load(jdbc, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("job", row.get("job"));
        out.put("status", row.get("status"));
        out.put("running", ExecutionQueries.running(row.get("status")));
        out.put("seconds", row.get("seconds"));
        out.put("duration", row.get("seconds") instanceof Number n ? ProgressLine.duration(n.longValue()) : "");
        out.put("heartbeat", row.get("heartbeat") == null ? null : row.get("heartbeat").toString());
        out.put("stages", stages(id, facts));
        out.put("runsByWidth", facts.runsByWidth());
        out.put("epochRows", facts.experimentId() == null ? 0 : jdbc.queryForObject(
                "SELECT count(*) FROM epoch_metric m JOIN run r USING (run_id) WHERE r.experiment_id = ?",
                Long.class, facts.experimentId()));
        out.put("experimentId", facts.experimentId());
        return out;
    }

    private List<Map<String, Object>> stages(long id, ExecutionFacts facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (facts.experimentId() == null) {
            return out;
        }
        long now = System.nanoTime();
        for (StageProgress p : jobs.progress(facts.spec(), facts.experimentId(), executions.steps(id))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", p.stage());
            s.put("unit", p.unit());
            s.put("done", p.done());
            s.put("total", p.total());
            s.put("percent", p.total() == 0 ? 0 : Math.round(100.0 * p.done() / p.total()));
            s.put("line", lines.computeIfAbsent(id + "/" + p.stage(), k -> new ProgressLine(p, now)).text(p, now));
            out.add(s);
        }
        return out;
    }
}
