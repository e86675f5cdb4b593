package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static guarantees of the repository: no password is committed (docker-compose reads them from an
 * uncommitted .env), and no SQL in the main code is built by concatenating or formatting values
 * into it (every value is a bound {@code ?} parameter).
 */
class SecurityHygieneIT {

    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void noPasswordInTheRepository() throws Exception {
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
        List<Path> files = trackedFiles();
        assertThat(files).as("tracked files").isNotEmpty().noneMatch(p -> p.getFileName().toString().equals(".env"));
        // KEY: value / KEY=value where the key names a password and the value is a literal
        Pattern assignment = Pattern.compile("(?i)[\\w.]*(password|passwd|secret)[\\w.]*\\s*[:=]\\s*\"?([^\\s\"#]*)");
        Pattern sqlPassword = Pattern.compile("(?i)PASSWORD\\s+'[^'.]");
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!name.matches(".*\\.(ya?ml|properties|env|example|sql|sh|md|conf|json|xml|txt)|Dockerfile|losslab")) {
                continue;
            }
            List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = assignment.matcher(lines.get(i));
                while (m.find()) {
                    String value = m.group(2);
                    // ${VAR:?msg} leaves "?msg" after the key; "{name: x}" is a reference (e.g. a Kubernetes secretRef)
                    boolean placeholder = value.isEmpty() || value.startsWith("$") || value.startsWith("***")
                            || value.startsWith("...") || value.startsWith("<") || value.startsWith("`")
                            || value.startsWith("?") || value.startsWith("{");
                    if (!placeholder) {
                        found.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
                if (name.endsWith(".sql") && sqlPassword.matcher(lines.get(i)).find()) {
                    found.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).as("literal passwords").isEmpty();
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose).contains("${LOSSLAB_DB_PASSWORD:?");
    }

    @Test
    void sqlIsNeverBuiltFromValues() throws Exception {
        Pattern literal = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
        Pattern sql = Pattern.compile("(?i)\\b(SELECT\\s.+\\sFROM|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|"
                + "CREATE\\s+(TABLE|ROLE|DATABASE)|DROP\\s+(TABLE|ROLE|DATABASE)|GRANT\\s)\\b", Pattern.DOTALL);
        List<String> found = new ArrayList<>();
        int statements = 0;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = literal.matcher(src);
                while (m.find()) {
                    String text = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!sql.matcher(text).find()) {
                        continue;
                    }
                    statements++;
                    String before = src.substring(Math.max(0, m.start() - 40), m.start()).stripTrailing();
                    String after = src.substring(m.end(), Math.min(src.length(), m.end() + 40)).stripLeading();
                    // concatenating two string literals (a statement split over lines) builds nothing from values
                    boolean literalBefore = before.endsWith("+") && before.substring(0, before.length() - 1).stripTrailing().endsWith("\"");
                    boolean literalAfter = after.startsWith("+") && after.substring(1).stripLeading().startsWith("\"");
                    if ((before.endsWith("+") && !literalBefore) || (after.startsWith("+") && !literalAfter)
                            || after.startsWith(".formatted")
                            || before.endsWith("format(") || text.contains("%s") || text.contains("%d")) {
                        found.add(ROOT.relativize(f) + ": " + text.strip().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(statements).as("SQL statements found in the main code").isGreaterThan(20);
        assertThat(found).as("SQL built from values instead of bound parameters").isEmpty();
    }

    static List<Path> trackedFiles() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("git", "ls-files", "-z").directory(ROOT.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0 && !out.isEmpty()) {
                List<Path> files = new ArrayList<>();
                for (String s : out.split("\0")) {
                    Path f = ROOT.resolve(s);
                    if (Files.isRegularFile(f) && !s.startsWith("data/")) {
                        files.add(f);
                    }
                }
                return files;
            }
        } catch (IOException noGit) {
            // not a git checkout (e.g. a source archive): scan the tree
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !ROOT.relativize(f).toString().matches("(target|data|\\.git|\\.mvn)/.*"))
                    .toList();
        }
    }
}
