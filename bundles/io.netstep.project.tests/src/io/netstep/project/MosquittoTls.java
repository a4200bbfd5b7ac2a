package io.netstep.project;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real mosquitto with TLS (and optionally required client certificates) on a free port of 127.0.0.1. */
final class MosquittoTls implements AutoCloseable {

    final int port;
    final Path log;
    private final Process process;

    private MosquittoTls(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static MosquittoTls start(TestPki.PemFiles pem, Path dir, boolean requireClientCertificate) throws Exception {
        Path exe = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, "mosquitto is not installed (apt-get install mosquitto)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("mosquitto.log");
        Path conf = dir.resolve("mosquitto.conf");
        // mosquitto 2.x: no inline comments; run as the current user
        Files.writeString(conf, String.join("\n", "user " + System.getProperty("user.name"), "persistence false",
                "log_dest file " + log, "log_type all", "listener " + port + " 127.0.0.1", "allow_anonymous true",
                "cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(),
                "require_certificate " + requireClientCertificate, "tls_version tlsv1.2", ""));
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        MosquittoTls m = new MosquittoTls(port, log, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return m;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    m.close();
                    throw new IOException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.out")));
                }
                Thread.sleep(20);
            }
        }
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
