package io.netstep.session.cli;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.EmbeddedBroker;
import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code netstep demo}: the reference firmware (mbedTLS) against the embedded broker over TLS,
 * with a throwaway test PKI. The firmware subscribes to its topic, publishes to it, and so
 * receives its own message back.
 */
final class Demo {

    /** The name the reference firmware asks DNS for by default. */
    static final String BROKER_NAME = "broker.netstep.test";
    static final String TOPIC = "netstep/demo";
    static final long DEFAULT_TIMEOUT_SECONDS = 120;

    private Demo() { }

    static int run(RunOptions o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (o.broker != null) {
            throw new RunOptions.UsageException("demo uses its embedded broker; use 'netstep run' for --broker");
        }
        Path firmware = RepoRoot.nativeBuild().resolve("firmware/netstep-fw-mbedtls");
        if (!Files.isExecutable(firmware)) {
            err.println("netstep: " + firmware + " is missing: build native/ first "
                    + "(cmake -S native -B native/build && cmake --build native/build), or use the netstep script");
            return Main.EXIT_INTERNAL;
        }
        Path dir = Files.createTempDirectory("netstep-demo-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            TestPki pki = TestPki.generate();
            TestPki.PemFiles pem = pki.writePem(dir);
            try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Security.TLS, pki)) {
                err.println("netstep: embedded MQTT broker (TLS) on " + broker.endpoint() + ", "
                        + BROKER_NAME + " resolves to it");
                o.maps.add(BROKER_NAME + "=" + broker.endpoint());
                if (o.timeoutSeconds == 0) {
                    o.timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
                }
                o.firmware.add(firmware.toString());
                o.firmware.addAll(java.util.List.of("--dhcp", "--broker", BROKER_NAME, "--ca", pem.ca().toString(),
                        "--client-id", "netstep-demo", "--topic", TOPIC,
                        "--message", "hello from a virtual W5500", "--wait-message", "10"));
                NetworkOptions net = NetworkSetup.options(o);
                return Runner.run(o, NetworkSetup.binder(net), out, err).exitCode();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
