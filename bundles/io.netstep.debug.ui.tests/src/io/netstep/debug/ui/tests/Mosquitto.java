package io.netstep.debug.ui.tests;

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

/** A real mosquitto with TLS 1.2 from a test PKI on a free port of 127.0.0.1, logging to a file. */
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

    static Mosquitto startTls(TestPki pki, Path dir) throws IOException, InterruptedException {
        Path exe = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(exe != null, "mosquitto is not installed (apt-get install mosquitto)");
        TestPki.PemFiles pem = pki.writePem(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        // mosquitto 2.x: no inline comments in its config; run as the current user (it drops root otherwise)
        Files.writeString(conf, String.join("\n",
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "cafile " + pem.ca(),
                "certfile " + pem.serverCert(),
                "keyfile " + pem.serverKey(),
                "tls_version tlsv1.2",
                ""));
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        Mosquitto m = new Mosquitto(port, dir, pem, p);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return m;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    m.close();
                    throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
                }
                Thread.sleep(20);
            }
        }
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
