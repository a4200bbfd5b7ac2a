package io.netstep.wizards.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Copied from io.netstep.preflight.tests (fragments cannot share test code). A real mosquitto 2.x on a free port of 127.0.0.1 (no inline comments in its config; tls_version is a minimum). */
final class Mosquitto implements AutoCloseable {

    final int port;
    final Path dir;
    final TestPki.PemFiles pem;
    private final Process process;

    private Mosquitto(int port, Path dir, TestPki.PemFiles pem, Process process) {
        this.port = port;
        this.dir = dir;
        this.pem = pem;
        this.process = process;
    }

    /** TLS from {@code pki} (minimum TLS 1.2) plus extra listener lines such as "require_certificate true". */
    static Mosquitto tls(TestPki pki, Path dir, String... settings) throws IOException, InterruptedException {
        return start(pki, dir, settings);
    }

    static Mosquitto plain(Path dir, String... settings) throws IOException, InterruptedException {
        return start(null, dir, settings);
    }

    /** A password file made by mosquitto_passwd -b. */
    static Path passwordFile(Path dir, String user, String password) throws IOException, InterruptedException {
        Path f = dir.resolve("passwd");
        Files.createDirectories(dir);
        Files.deleteIfExists(f);
        Files.createFile(f);
        Path exe = executable("mosquitto_passwd");
        Process p = new ProcessBuilder(exe.toString(), "-b", f.toString(), user, password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("mosquitto_passwd failed: " + out);
        return f;
    }

    private static Path executable(String name) {
        Path exe = List.of(Path.of("/usr/sbin/" + name), Path.of("/usr/bin/" + name)).stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, name + " is not installed (apt-get install mosquitto mosquitto-clients)");
        return exe;
    }

    private static Mosquitto start(TestPki pki, Path dir, String... settings) throws IOException, InterruptedException {
        Path exe = executable("mosquitto");
        Files.createDirectories(dir);
        int port = freePort();
        List<String> conf = new ArrayList<>(List.of(
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all",
                "listener " + port + " 127.0.0.1"));
        TestPki.PemFiles pem = null;
        if (pki != null) {
            pem = pki.writePem(dir);
            conf.addAll(List.of("cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(), "tls_version tlsv1.2"));
        }
        conf.addAll(List.of(settings));
        if (conf.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) conf.add("allow_anonymous true");
        conf.add("");
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, String.join("\n", conf));
        Process p = new ProcessBuilder(exe.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        Mosquitto m = new Mosquitto(port, dir, pem, p);
        m.awaitListening();
        return m;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                s.setSoLinger(true, 0);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port);
    }

    String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
