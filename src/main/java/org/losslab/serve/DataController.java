package org.losslab.serve;

import java.io.IOException;
import java.util.Map;
import org.losslab.report.FigureEncoder;
import org.losslab.report.LossCurvesFigure;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the execution page loads and polls: its state as JSON (polled every two seconds while it runs),
 * the loss curves as PNG (drawn afresh from {@code epoch_metric}), and the report's figures as PNG.
 */
@RestController
class DataController {

    private final LiveProgress progress;
    private final ExecutionQueries executions;
    private final ReportCache reports;
    private final JdbcTemplate jdbc;

    DataController(LiveProgress progress, ExecutionQueries executions, ReportCache reports, JdbcTemplate jdbc) {
        this.progress = progress;
        this.executions = executions;
        this.reports = reports;
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/api/executions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> state(@PathVariable long id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(existing(id));
    }

    @GetMapping(value = "/executions/{id}/loss.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> lossCurves(@PathVariable long id) throws IOException {
        Long experiment = executions.experimentId(id);
        if (experiment == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no experiment recorded for execution " + id);
        }
        byte[] png = FigureEncoder.png(LossCurvesFigure.of(jdbc, experiment));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(png);
    }

    @GetMapping(value = "/executions/{id}/figures/{figure}.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> figure(@PathVariable long id, @PathVariable String figure) throws IOException {
        Map<String, Object> row = executions.one(id);
        if (row == null || ExecutionQueries.running(row.get("status"))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no finished execution " + id);
        }
        byte[] png = reports.png(id, figure);
        if (png == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no figure " + figure + " drawn for execution " + id);
        }
        return ResponseEntity.ok().body(png);
    }

    private Map<String, Object> existing(long id) {
        Map<String, Object> state = progress.of(id);
        if (state == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id + " in this database");
        }
        return state;
    }
}
