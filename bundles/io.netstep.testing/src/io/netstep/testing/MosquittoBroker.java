package io.netstep.testing;

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

/**
 * A real mosquitto 2.x on a free port of 127.0.0.1, logging everything to a file; skipped, saying
 * why, when mosquitto is not installed. Its config has no inline comments (mosquitto 2.x reads
 * them as values) and "tls_version tlsv1.2" is a minimum, so TLS 1.3 stays possible.
 */
public final class MosquittoBroker implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final Path log;
    private final Path out;
    private final TestPki.PemFiles pem;
    private final Process process;

    private MosquittoBroker(int port, Path dir, TestPki.PemFiles pem, Process process) {
        this.port = port;
        this.dir = dir;
        // per-port names: several brokers may share one directory
        this.log = dir.resolve("mosquitto-" + port + ".log");
        this.out = dir.resolve("mosquitto-" + port + ".out");
        this.pem = pem;
        this.process = process;
    }

    /**
     * TLS with the PKI's server certificate, its PEM files written to {@code dir} (ca.pem, ...), plus
     * extra listener lines such as "require_certificate true" or "password_file /path".
     */
    public static MosquittoBroker tls(TestPki pki, Path dir, String... settings) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        return start(pki.writePem(dir), dir, settings);
    }

    /** TLS with PEM files already written. */
    public static MosquittoBroker tls(TestPki.PemFiles pem, Path dir, String... settings) throws IOException, InterruptedException {
        return start(pem, dir, settings);
    }

    /** Plain MQTT (no TLS). */
    public static MosquittoBroker plain(Path dir, String... settings) throws IOException, InterruptedException {
        return start(null, dir, settings);
    }

    /** A password file (dir/passwd) with one user, made by mosquitto_passwd -b. */
    public static Path passwordFile(Path dir, String user, String password) throws IOException, InterruptedException {
        Path f = dir.resolve("passwd");
        Files.createDirectories(dir);
        Files.deleteIfExists(f);
        Files.createFile(f);
        Path exe = executable("mosquitto_passwd");
        Process p = new ProcessBuilder(exe.toString(), "-b", f.toString(), user, password).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mosquitto_passwd failed: " + text);
        }
        return f;
    }

    /** A port of 127.0.0.1 that was free a moment ago (nothing listens on it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path executable(String name) {
        Path exe = List.of(Path.of("/usr/sbin/" + name), Path.of("/usr/bin/" + name)).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, name + " is not installed (apt-get install mosquitto mosquitto-clients)");
        return exe;
    }

    private static MosquittoBroker start(TestPki.PemFiles pem, Path dir, String... settings) throws IOException, InterruptedException {
        Path exe = executable("mosquitto");
        Files.createDirectories(dir);
        int port = freePort();
        Path log = dir.resolve("mosquitto-" + port + ".log");
        List<String> conf = new ArrayList<>(List.of(
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + log,
                "log_type all",
                "listener " + port + " 127.0.0.1"));
        if (pem != null) {
            conf.addAll(List.of("cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(),
                    "tls_version tlsv1.2"));
        }
        conf.addAll(List.of(settings));
        if (conf.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) {
            conf.add("allow_anonymous true");
        }
        conf.add("");
        Path file = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(file, String.join("\n", conf));
        Process p = new ProcessBuilder(exe.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto-" + port + ".out").toFile()).start();
        MosquittoBroker m = new MosquittoBroker(port, dir, pem, p);
        m.awaitListening();
        return m;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(out));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                s.setSoLinger(true, 0);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    /** "127.0.0.1:port". */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The directory of its config, log and (for {@link #tls(TestPki, Path, String...)}) PEM files. */
    public Path dir() {
        return dir;
    }

    /** The PEM files of its TLS listener; null for {@link #plain}. */
    public TestPki.PemFiles pem() {
        return pem;
    }

    /** The CA a client must trust; null for {@link #plain}. */
    public Path ca() {
        return pem == null ? null : pem.ca();
    }

    public Path logFile() {
        return log;
    }

    /** What mosquitto logged so far (log_type all), for assertions and failure messages. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
