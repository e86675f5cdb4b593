package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code losslab serve} refuses a bad port or address, and a port in use, with one line and exit 2, before any database. */
class ServeCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port|0|--port must be between 1 and 65535, not 0",
            "--port|70000|--port must be between 1 and 65535, not 70000",
            "--port|-1|--port must be between 1 and 65535, not -1",
            "--port|http|Invalid value for option '--port': 'http' is not an int",
            "--bind|no-such-host.invalid|--bind no-such-host.invalid: unknown host",
            "--bind|192.0.2.1|cannot listen on 192.0.2.1 port 8080"})
    void badOptionsAreOneLineAndExit2(String option, String value, String expected) {
        String[] result = run("serve", option, value);
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1].lines()).hasSize(1);
        assertThat(result[1]).startsWith("losslab: ").contains(expected);
    }

    @Test
    void aPortInUseIsOneLineAndExit2() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String[] result = run("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result[0]).isEqualTo("2");
            assertThat(result[1].lines()).hasSize(1);
            assertThat(result[1]).contains("port " + taken.getLocalPort() + " on 127.0.0.1", "choose another with --port");
        }
    }

    /** {exit code, stderr}. */
    static String[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }
}
