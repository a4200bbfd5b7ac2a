package io.netstep.debug.tests;

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

/**
 * A real mosquitto with TLS 1.2 on a free port of 127.0.0.1, its certificate from a throwaway
 * {@link TestPki} (names: broker.netstep.test, localhost); skipped, saying why, without mosquitto.
 */
final class Mosquitto implements AutoCloseable {

    final int port;
    /** The CA the firmware must trust (--ca). */
    final Path ca;
    private final Process process;
    private final Path dir;

    private Mosquitto(int port, Path ca, Process process, Path dir) {
        this.port = port;
        this.ca = ca;
        this.process = process;
        this.dir = dir;
    }

    static Mosquitto startTls(Path dir) throws Exception {
        Path exe = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, "mosquitto is not installed (apt-get install mosquitto)");
        TestPki.PemFiles pem = TestPki.generate().writePem(Files.createDirectories(dir.resolve("pki")));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        // mosquitto 2.x: no inline comments; it runs as the current user
        Files.writeString(conf, String.join("\n", "user " + System.getProperty("user.name"), "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"), "log_type all", "listener " + port + " 127.0.0.1",
                "allow_anonymous true", "cafile " + pem.ca(), "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(),
                "tls_version tlsv1.2", ""));
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        Mosquitto m = new Mosquitto(port, pem.ca(), p, dir);
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

    /** What mosquitto logged, for assertions and failure messages. */
    String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
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
