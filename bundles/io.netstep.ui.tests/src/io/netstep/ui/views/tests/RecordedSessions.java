package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.capture.SessionFile;
import io.netstep.session.cli.NetworkSetup;

import java.io.File;
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
 * Session files recorded through the real path: the reference firmware (mbedTLS) → shim →
 * bridge → virtual W5500 → virtual network → a real mosquitto with TLS 1.2 on 127.0.0.1. Made
 * once per test run and shared by the view tests.
 */
final class RecordedSessions {

    static final String BROKER_NAME = "broker.netstep.test";
    private static Path dir;
    private static Path good;
    private static Path f1;

    private RecordedSessions() { }

    /** A correct connect: TLS handshake, CONNECT/CONNACK, SUBSCRIBE, PUBLISH, clean close. */
    static synchronized Path good() throws Exception {
        if (good == null) {
            good = record("good.nsj", List.of("--client-id", "ui-good", "--topic", "netstep/ui", "--message", "hello"));
        }
        return good;
    }

    /** The firmware's --bug-f1 under a trickling network: the CONNACK record is stranded (F1). */
    static synchronized Path f1() throws Exception {
        if (f1 == null) {
            f1 = record("f1.nsj", List.of("--client-id", "ui-f1", "--bug-f1"), "chunk=7,delay=2");
        }
        return f1;
    }

    private static Path record(String name, List<String> args, String... faults) throws Exception {
        Path exe = firmware("netstep-fw-mbedtls");
        Path mosquitto = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(mosquitto != null, "mosquitto is not installed (apt-get install mosquitto)");
        if (dir == null) {
            dir = Files.createTempDirectory("netstep-ui-sessions");
        }
        Path brokerDir = Files.createDirectories(dir.resolve(name + ".broker"));
        // RSA with many names: a ~2 KB Certificate record, as with a real chain, so F1 strands a record
        List<String> names = new ArrayList<>(TestPki.DEFAULT_SERVER_NAMES);
        for (int i = 0; i < 40; i++) {
            names.add("device-" + i + ".broker.netstep.test");
        }
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, names, "netstep-client");
        TestPki.PemFiles pem = pki.writePem(brokerDir);
        int port = freePort();
        Path conf = brokerDir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", List.of("user " + System.getProperty("user.name"), "persistence false",
                "listener " + port + " 127.0.0.1", "allow_anonymous true", "cafile " + pem.ca(),
                "certfile " + pem.serverCert(), "keyfile " + pem.serverKey(), "tls_version tlsv1.2", "")));
        Process broker = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(brokerDir.resolve("mosquitto.out").toFile()).start();
        try {
            awaitListening(broker, port);
            NetworkOptions net = new NetworkOptions();
            net.map(BROKER_NAME + "=127.0.0.1:" + port);
            for (String f : faults) {
                net.fault(f);
            }
            List<String> command = new ArrayList<>(List.of(exe.toString(), "--dhcp", "--broker", BROKER_NAME,
                    "--ca", pem.ca().toString(), "--wait-message", "0", "--command-timeout", "2000"));
            command.addAll(args);
            Path file = dir.resolve(name);
            run(net, command, file);
            return file;
        } finally {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    private static void run(NetworkOptions net, List<String> command, Path file) throws Exception {
        Session session = new Session(NetworkSetup.binder(net));
        session.start();
        try (BridgeServer bridge = BridgeServer.unix(session).start()) {
            session.record(new SessionEvent.FirmwareStarted(String.join(" ", command)));
            File out = dir.resolve(file.getFileName() + ".out").toFile();
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
            pb.environment().putAll(bridge.environment());
            Process p = pb.start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            session.record(new SessionEvent.FirmwareExited(p.pid(), p.exitValue(), !done));
            awaitDetach(session);
        } finally {
            session.terminate();
        }
        SessionFile.save(session.log().snapshot(), session.keyLog().lines(), file);
    }

    private static void awaitDetach(Session session) throws InterruptedException {
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            List<LogEntry> log = session.log().snapshot();
            long c = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeConnected).count();
            long d = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeDisconnected).count();
            if (d >= c) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** The native executable, or the test is skipped (CI builds native/ before Maven). */
    static Path firmware(String name) {
        Path build = null;
        String env = System.getenv("NETSTEP_NATIVE_BUILD");
        if (env != null && !env.isEmpty()) {
            build = Path.of(env);
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                    build = p.resolve("native/build");
                    break;
                }
            }
        }
        assumeTrue(build != null, "native build missing: no checkout above " + Path.of("").toAbsolutePath());
        Path exe = build.resolve("firmware/" + name);
        assumeTrue(Files.isExecutable(exe), "native build missing: " + exe);
        return exe;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(Process p, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port);
    }
}
