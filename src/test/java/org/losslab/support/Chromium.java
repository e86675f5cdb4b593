package org.losslab.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium for the browser checks (the report's layout and images, the live view): the DOM
 * of a page after its scripts ran. Without the browser the check is skipped, and said so plainly in Maven's
 * output, not only as a skipped count (CI installs it).
 */
public final class Chromium {

    private Chromium() {
    }

    /**
     * The browser's path: {@code LOSSLAB_TEST_CHROMIUM} when set (a path that does not exist simulates a machine
     * without it), else Debian's /usr/bin/chromium; a skipped test (assumption) with a plain message when absent.
     */
    public static String require(String what) {
        String configured = System.getenv("LOSSLAB_TEST_CHROMIUM");
        Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        boolean present = Files.isExecutable(binary);
        if (!present) {
            System.out.println("[losslab tests] SKIPPED " + what + ": " + binary + " is not installed "
                    + "(apt-get install -y chromium; .ci/run does it)");
        }
        assumeTrue(present, binary + " is not installed (apt-get install -y chromium; .ci/run does it): " + what + " skipped");
        return binary.toString();
    }

    /** The DOM of {@code url} after up to 10 s of virtual time (scripts and timers run), with {@code extra} flags. */
    public static String dumpDom(String chromium, String url, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("--dump-dom", url));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return dom;
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
