package io.netstep.preflight;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.broker.TestPki;
import io.netstep.preflight.cli.PreflightCommand;
import io.netstep.testing.MosquittoBroker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netstep preflight}: exit codes, the steps and the verdict printed, no secrets printed. */
class PreflightCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PreflightCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run("--port", "1883"));
        assertTrue(text().contains("--host is required"), text());
        assertEquals(2, run("--host", "h", "--tls-version", "1.1"));
        assertTrue(text().contains("use 1.2 or 1.3"), text());
        assertEquals(2, run("--host", "h", "--bogus"));
        assertEquals(2, run("--host", "h", "--ca", "/nonexistent/ca.pem"));
        assertTrue(text().contains("does not exist"), text());
    }

    @Test
    void wrongPortExits1WithTheCause() throws Exception {
        int port = MosquittoBroker.freePort();
        assertEquals(1, run("--host", "127.0.0.1", "--port", String.valueOf(port), "--no-tls"));
        assertTrue(text().contains("wrong port?"), text());
        assertTrue(text().contains("PREFLIGHT FAILED at TCP connect"), text());
    }

    @Test
    void goodTlsRunWithCredentialsExits0AndPrintsNoSecret(@TempDir Path dir) throws Exception {
        Path passwd = MosquittoBroker.passwordFile(dir.resolve("auth"), "meter", "pa55-word-xyz");
        Path pwFile = dir.resolve("pw.txt");
        Files.writeString(pwFile, "pa55-word-xyz\n");
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, dir.resolve("broker"), "require_certificate true", "allow_anonymous false", "password_file " + passwd)) {
            int code = run("--host", "broker.test", "--resolve", "127.0.0.1", "--port", String.valueOf(m.port()), "--tls-version", "1.3",
                    "--ca", m.pem().ca().toString(), "--cert", m.pem().clientCert().toString(), "--key", m.pem().clientKey().toString(),
                    "--client-id", "cli-test", "--user", "meter", "--password-file", pwFile.toString(), "--keepalive", "45", "--topic", "cli/test");
            assertEquals(0, code, text());
            assertTrue(text().contains("PREFLIGHT PASSED"), text());
            assertTrue(text().contains("TLS input buffer: at least"), text());
            assertFalse(text().contains("pa55-word-xyz"), "the password is never printed");
            assertFalse(text().contains("PRIVATE KEY"), "the key is never printed");
        }
    }
}
