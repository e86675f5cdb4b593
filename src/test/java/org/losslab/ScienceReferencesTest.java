package org.losslab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every section of docs/science.md cited from the code, the specs, the migrations and the docs exists
 * ("§B.4" is a heading; "§D.5 item 2 (c)" also has item 2 and the label "(c)"; "§E.2 F3" and "§E.1 G14"
 * are rows of those tables). Run on every build, so a
 * new citation of a missing section fails at once. Needs no database.
 */
class ScienceReferencesTest {

    private static final Path DOC = Path.of("docs/science.md");
    private static final Pattern ID = Pattern.compile("§([A-Z0-9](?:\\.?[A-Za-z0-9])*)");
    private static final Pattern TAIL = Pattern.compile(
            "\\s*(?:,\\s*)?(items?\\s+(\\d+)(?:\\s*[–-]\\s*(\\d+))?|and|[–-]?\\s*\\(([ivx]+|[a-d])\\))");
    private static final Pattern HEADING = Pattern.compile("#+\\s+([A-Z0-9](?:\\.[0-9]+)*)\\.?\\s.*");

    @Test
    void everyCitedSectionItemAndRowExists() throws IOException {
        Map<String, String> sections = sections(Files.readAllLines(DOC));
        List<String> problems = new ArrayList<>();
        int citations = 0;
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = file + ":" + (i + 1);
                Matcher m = ID.matcher(line);
                while (m.find()) {
                    citations++;
                    check(sections, stripDot(m.group(1)), line, m.end(), where, problems);
                }
                rows(sections, line, "E.1", "G", where, problems);
                rows(sections, line, "E.2", "F", where, problems);
            }
        }
        assertThat(citations).as("citations found (the scan must see the Javadoc)").isGreaterThan(100);
        assertThat(problems).as("citations of docs/science.md that do not resolve").isEmpty();
    }

    /** The fixtures spell § as a Unicode escape, so the scan of this file does not see them. */
    @Test
    void theRulesCatchAMissingSectionItemLabelAndRow() throws IOException {
        Map<String, String> sections = sections(Files.readAllLines(DOC));
        List<String> problems = new ArrayList<>();
        String line = "\u00a7D.5 item 7, \u00a7C.3 (iv), \u00a7Z.1, \u00a7E.2 F99";
        Matcher m = ID.matcher(line);
        while (m.find()) {
            check(sections, stripDot(m.group(1)), line, m.end(), "fixture", problems);
        }
        rows(sections, line, "E.2", "F", "fixture", problems);
        assertThat(problems).hasSize(4);
        problems.clear();
        String good = "\u00a7D.5 items 2–5, \u00a7C.3 item 6 (ii), \u00a7B.2 (c), \u00a7E.2 F13";
        m = ID.matcher(good);
        while (m.find()) {
            check(sections, stripDot(m.group(1)), good, m.end(), "fixture", problems);
        }
        rows(sections, good, "E.2", "F", "fixture", problems);
        assertThat(problems).isEmpty();
    }

    /** Section id → its text up to the next heading. */
    private static Map<String, String> sections(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (current != null) {
                    out.put(current, text.toString());
                }
                current = h.group(1);
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            out.put(current, text.toString());
        }
        return out;
    }

    private static void check(Map<String, String> sections, String id, String line, int end, String where,
                              List<String> problems) {
        String body = sections.get(id);
        if (body == null) {
            problems.add(where + ": §" + id + " is not a heading of " + DOC);
            return;
        }
        Matcher t = TAIL.matcher(line);
        int pos = end;
        while (t.find(pos) && t.start() == pos) {
            pos = t.end();
            if (t.group(2) != null) {
                int last = Integer.parseInt(t.group(3) != null ? t.group(3) : t.group(2));
                for (int n = Integer.parseInt(t.group(2)); n <= last; n++) {
                    if (!Pattern.compile("(?m)^\\s*(?:" + n + "\\.\\s|- \\*\\*Item " + n + "\\*\\*)").matcher(body).find()) {
                        problems.add(where + ": §" + id + " has no item " + n);
                    }
                }
            }
            if (t.group(4) != null && !body.contains("(" + t.group(4) + ")")) {
                problems.add(where + ": §" + id + " has no label (" + t.group(4) + ")");
            }
        }
    }

    private static void rows(Map<String, String> sections, String line, String id, String kind, String where,
                             List<String> problems) {
        if (!line.contains("§" + id)) {
            return;
        }
        Matcher m = Pattern.compile("\\b" + kind + "\\d+\\b").matcher(line);
        while (m.find()) {
            if (!Pattern.compile("(?m)^\\|\\s*" + m.group() + "\\s*\\|").matcher(sections.getOrDefault(id, "")).find()) {
                problems.add(where + ": " + m.group() + " is not a row of §" + id);
            }
        }
    }

    private static String stripDot(String id) {
        return id.endsWith(".") ? id.substring(0, id.length() - 1) : id;
    }

    private static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("src", "jobs", "db", "docs")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(java|yaml|sql|md|sh)$"))
                        .filter(p -> !p.normalize().equals(DOC.normalize()))
                        .forEach(out::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        out.add(Path.of("README.md"));
        return out;
    }
}
