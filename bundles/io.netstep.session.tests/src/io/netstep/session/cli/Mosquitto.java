package io.netstep.session.cli;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real mosquitto with TLS (test PKI) on a free port of 127.0.0.1, logging everything to a file. */
final class Mosquitto implements AutoCloseable {

    final int port;
    final Path log;
    private final Process process;

    private Mosquitto(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static Mosquitto startTls(TestPki pki, Path dir) throws IOException, InterruptedException {
        Path exe = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("mosquitto is not installed (apt-get install mosquitto)"));
        TestPki.PemFiles pem = pki.writePem(dir);
        int port = freePort();
        Path log = dir.resolve("mosquitto.log");
        Path conf = dir.resolve("mosquitto.conf");
        // mosquitto 2.x: no inline comments in its config; run as the current user (it drops root otherwise)
        Files.writeString(conf, String.join("\n",
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + log,
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
        Mosquitto m = new Mosquitto(port, log, p);
        m.awaitListening(dir);
        return m;
    }

    private void awaitListening(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    String logText() throws IOException {
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
