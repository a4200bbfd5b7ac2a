package io.netstep.session.diagnosis;

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

/** A real mosquitto on a free port of 127.0.0.1 with TLS from a test PKI and extra listener settings. */
final class Broker implements AutoCloseable {

    final int port;
    final Path dir;
    private final Process process;

    private Broker(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** {@code settings}: extra listener lines, e.g. "require_certificate true", "ciphers ECDHE-RSA-AES128-GCM-SHA256". */
    static Broker tls(TestPki pki, Path dir, String... settings) throws IOException, InterruptedException {
        return start(pki, dir, settings);
    }

    /** Plain MQTT (no TLS), for failures whose evidence is MQTT bytes. */
    static Broker plain(Path dir, String... settings) throws IOException, InterruptedException {
        return start(null, dir, settings);
    }

    private static Broker start(TestPki pki, Path dir, String... settings) throws IOException, InterruptedException {
        Path exe = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, "mosquitto is not installed (apt-get install mosquitto)");
        Files.createDirectories(dir);
        int port = freePort();
        List<String> conf = new ArrayList<>(List.of(
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true"));
        if (pki != null) {
            TestPki.PemFiles pem = pki.writePem(dir);
            conf.addAll(List.of("cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(),
                    "tls_version tlsv1.2"));
        }
        conf.addAll(List.of(settings));
        conf.add("");
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, String.join("\n", conf));
        Process p = new ProcessBuilder(exe.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        Broker b = new Broker(port, dir, p);
        b.awaitListening();
        return b;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port);
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    String logText() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
