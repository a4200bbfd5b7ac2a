package io.netstep.session.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools these tests check against: tshark/dumpcap, mosquitto, the native build.
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A real mosquitto on 127.0.0.1: TLS with the test PKI when {@code pki} is given, else plain. */
    static final class Mosquitto implements AutoCloseable {
        final int port;
        private final Process process;

        private Mosquitto(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Mosquitto start(TestPki pki, Path dir) throws IOException, InterruptedException {
            Path exe = require("/usr/sbin/mosquitto", "/usr/bin/mosquitto");
            int port = freePort();
            List<String> conf = new ArrayList<>(List.of("user " + System.getProperty("user.name"),
                    "persistence false", "listener " + port + " 127.0.0.1", "allow_anonymous true"));
            if (pki != null) {
                TestPki.PemFiles pem = pki.writePem(dir);
                conf.addAll(List.of("cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(),
                        "tls_version tlsv1.2"));
            }
            Path file = dir.resolve("mosquitto-" + port + ".conf");
            Files.writeString(file, String.join("\n", conf) + "\n");
            Path out = dir.resolve("mosquitto-" + port + ".out");
            Process p = new ProcessBuilder(exe.toString(), "-c", file.toString()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            Mosquitto m = new Mosquitto(port, p);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(out));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return m;
                } catch (IOException e) {
                    Thread.sleep(20);
                }
            }
            m.close();
            throw new IOException("mosquitto did not listen on 127.0.0.1:" + port);
        }

        String endpoint() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The native build's executable, as the cli tests find it ($NETSTEP_NATIVE_BUILD or native/build). */
    static Path nativeExecutable(String relative) {
        String env = System.getenv("NETSTEP_NATIVE_BUILD");
        Path dir = null;
        if (env != null && !env.isEmpty()) {
            dir = Path.of(env);
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                    dir = p.resolve("native/build");
                    break;
                }
            }
        }
        assumeTrue(dir != null, "native build missing: no checkout above " + Path.of("").toAbsolutePath());
        Path exe = dir.resolve(relative);
        assumeTrue(Files.isExecutable(exe), "native build missing: " + exe + " (cmake -S native -B native/build && "
                + "cmake --build native/build)");
        return exe;
    }
}
