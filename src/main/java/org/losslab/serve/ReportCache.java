package org.losslab.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.losslab.report.ReportParts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The report's verdicts and figures of finished executions, made once by the report's own code (figures
 * into a temporary directory, deleted when the server stops) and made again only when a later execution of
 * the same job instance changes the results.
 */
@Component
class ReportCache implements AutoCloseable {

    private record Drawn(String version, Path dir, String verdicts, List<ReportParts.FigureView> figures) {
    }

    private final JdbcTemplate jdbc;
    private final ExecutionQueries executions;
    private final Path root;
    private final Map<Long, Drawn> drawn = new ConcurrentHashMap<>();

    ReportCache(JdbcTemplate jdbc, ExecutionQueries executions) throws IOException {
        this.jdbc = jdbc;
        this.executions = executions;
        this.root = Files.createTempDirectory("losslab-serve-figures");
    }

    /** The report's verdicts section of execution {@code id} (HTML). */
    String verdicts(long id) {
        return current(id).verdicts();
    }

    /** The figures of execution {@code id}, in the report's order. */
    List<ReportParts.FigureView> figures(long id) {
        return current(id).figures();
    }

    /** The PNG of figure {@code figureId} of execution {@code id}, or null if it was not drawn. */
    byte[] png(long id, String figureId) throws IOException {
        Drawn d = current(id);
        boolean known = d.figures().stream().anyMatch(f -> f.drawn() && f.id().equals(figureId));
        return known ? Files.readAllBytes(d.dir().resolve(figureId + ".png")) : null;
    }

    private Drawn current(long id) {
        String version = executions.resultsVersion(id);
        return drawn.compute(id, (k, old) -> old != null && old.version().equals(version) ? old : draw(id, version));
    }

    private Drawn draw(long id, String version) {
        try {
            Path dir = Files.createTempDirectory(root, "execution-" + id + "-");
            return new Drawn(version, dir, ReportParts.verdictsHtml(jdbc, id), ReportParts.figures(jdbc, id, dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
