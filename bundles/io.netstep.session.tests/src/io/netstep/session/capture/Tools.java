package io.netstep.session.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools these tests check against: tshark/dumpcap (mosquitto and the native build
 * come from io.netstep.testing).
 * A missing tool skips the test with a message naming it (CI installs all of them).
 */
final class Tools {

    private Tools() { }

    static Path require(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, candidates[0] + " is not installed (apt-get install tshark mosquitto)");
        return null;
    }

    static Path tshark() {
        return require("/usr/bin/tshark", "/usr/local/bin/tshark");
    }

    /** Runs a command to its end (at most 120 s); returns stdout, stderr appended after a marker. */
    static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path err = Files.createTempFile("netstep-tool", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        String e = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited " + p.exitValue() + ": " + e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** tshark on {@code file} with checksum checks on and {@code port} decoded as TLS carrying MQTT. */
    static List<String> tshark(Path file, int port, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tshark().toString(), "-n", "-r", file.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"));
        if (port > 0) {
            cmd.addAll(List.of("-d", "tcp.port==" + port + ",tls", "-d", "tls.port==" + port + ",mqtt"));
        }
        cmd.addAll(List.of(more));
        return run(cmd).lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * Packets tshark finds malformed, with a bad checksum, or with an expert warning or error
     * (except the warning every RST gets: a reset the log shows is meant to be there).
     */
    static final String BAD = "_ws.malformed || (_ws.expert.severity >= \"Warning\" && !tcp.connection.rst)"
            + " || tcp.checksum.status == \"Bad\""
            + " || ip.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\"";
}
