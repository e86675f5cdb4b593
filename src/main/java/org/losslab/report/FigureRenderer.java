package org.losslab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.store.Relations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Draws each {@link FigureSection} of an experiment from its views only, writing
 * {@code figures/<id>.png} and {@code .svg}. A section whose required view is absent is MISSING, one
 * whose view has no rows for the experiment is EMPTY; neither stops the report.
 */
public final class FigureRenderer {

    private static final Logger log = LoggerFactory.getLogger(FigureRenderer.class);

    private final JdbcTemplate jdbc;
    private final Relations relations;

    public FigureRenderer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.relations = new Relations(jdbc);
    }

    public SectionOutcome render(FigureSection section, long experimentId, Path figureDir) {
        return render(section, experimentId, figureDir, true);
    }

    /** {@link #render(FigureSection, long, Path)}, with or without the SVG beside the PNG. */
    public SectionOutcome render(FigureSection section, long experimentId, Path figureDir, boolean svgToo) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        List<String> sql = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        for (ViewQuery q : section.queries()) {
            String problem = relations.problem(q.view(), q.columns());
            if (problem != null) {
                if (q.required()) {
                    return outcome(section, SectionOutcome.Status.MISSING, "missing: " + problem
                            + " (written by " + q.producer() + ")", sql, definitions, 0);
                }
                continue;
            }
            String query = q.sql(relations.columns(q.view()).contains("experiment_id"), experimentId);
            sql.add(query);
            definitions.add(definition(q.view()));
            rows.put(q.view(), jdbc.queryForList(query));
        }
        ViewQuery primary = section.queries().get(0);
        int n = rows.get(primary.view()).size();
        if (n == 0) {
            return outcome(section, SectionOutcome.Status.EMPTY, "missing: no rows yet in " + primary.view()
                    + " for this experiment (written by " + primary.producer() + ")", sql, definitions, 0);
        }
        try {
            Figure figure = section.render(new FigureData(rows));
            String png = section.id() + ".png";
            String svg = section.id() + ".svg";
            FigureEncoder.writePng(figure, figureDir.resolve(png));
            if (svgToo) {
                FigureEncoder.writeSvg(figure, figureDir.resolve(svg));
            }
            return new SectionOutcome(section, SectionOutcome.Status.DRAWN, "", sql, definitions, png, svgToo ? svg : null, n);
        } catch (IllegalStateException e) {
            return outcome(section, SectionOutcome.Status.EMPTY, "missing: " + e.getMessage(), sql, definitions, n);
        } catch (Exception e) {
            log.warn("figure {} failed", section.id(), e);
            return outcome(section, SectionOutcome.Status.FAILED, "failed: " + e, sql, definitions, n);
        }
    }

    private String definition(String view) {
        List<String> def = jdbc.queryForList("""
                SELECT pg_get_viewdef(c.oid, true) FROM pg_class c
                WHERE c.oid = to_regclass(?) AND c.relkind IN ('v', 'm')""", String.class, view);
        return def.isEmpty() ? "-- " + view + " is a table" : "CREATE VIEW " + view + " AS\n" + def.get(0).strip();
    }

    private static SectionOutcome outcome(FigureSection s, SectionOutcome.Status status, String message,
                                          List<String> sql, List<String> definitions, int rows) {
        return new SectionOutcome(s, status, message, sql, definitions, null, null, rows);
    }
}
