package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.session.cli.Main;
import io.netstep.testing.MosquittoBroker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Host configuration builds (host gcc, {@code make -f NetStep/host.mk}: the generated glue,
 * the reference ioLibrary-compatible driver, the MQTT client, the NetStep shim, Debian's mbedTLS /
 * wolfSSL) and the program connects through the virtual W5500 (DHCP, DNS, TCP) over TLS to a real
 * mosquitto: CONNACK accepted, its publish comes back on the subscribed topic. The aws-iot project
 * runs against a mosquitto that, like AWS IoT, requires the device certificate and answers as the
 * endpoint name.
 */
class HostBuildTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"MOSQUITTO,MBEDTLS", "MOSQUITTO,WOLFSSL", "AWS_IOT,MBEDTLS"})
    void hostBuildConnectsOverTlsThroughTheVirtualW5500(BrokerProfile profile, TlsLibrary tls) throws Exception {
        assumeTrue(Checkout.onPath("make") && Checkout.onPath("cc"), "make and a host C compiler are needed");
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        ProjectSpec spec = Specs.forProfile(profile, tls, pem);
        Path dir = tmp.resolve(spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);

        Checkout.Result build = Checkout.run(dir, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
        assertEquals(0, build.status(), build.output());
        assertTrue(!build.output().contains("warning:"), "the host build has warnings:\n" + build.output());
        Path exe = dir.resolve("Host/" + spec.name());
        assertTrue(Files.isExecutable(exe));

        boolean mutual = profile == BrokerProfile.AWS_IOT;
        try (MosquittoBroker broker = MosquittoBroker.tls(pem, tmp.resolve("broker"), "require_certificate " + mutual)) {
            String host = spec.broker().host();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            int status = Main.run(List.of("run", "--map", host + "=127.0.0.1:" + broker.port(), "--timeout", "120", "--",
                    exe.toString()), out, out);
            String text = buf.toString(StandardCharsets.UTF_8);
            String topic = spec.mqtt().topics().get(0);
            assertEquals(0, status, text + "\n---- mosquitto ----\n" + broker.log());
            assertTrue(text.contains("fw| CONNACK rc=0"), text);
            assertTrue(text.contains("fw| RECEIVED " + topic + " " + spec.mqtt().message()), text);
            assertTrue(text.contains("fw| INFO TLS TLSv1.2"), "pinned to TLS 1.2 although mosquitto offers 1.3:\n" + text);
            String log = broker.log();
            assertTrue(log.contains(" as " + spec.mqtt().clientId() + " "), "the broker saw the spec's client ID:\n" + log);
            assertTrue(log.contains("Received SUBSCRIBE from " + spec.mqtt().clientId()), log);
            assertTrue(log.contains("Received PUBLISH from " + spec.mqtt().clientId()), log);
            if (tls == TlsLibrary.MBEDTLS) {
                assertTrue(text.contains("TLS key log lines received: 1"), "the host build hands its TLS secret to NetStep:\n" + text);
            }
        }
    }
}
