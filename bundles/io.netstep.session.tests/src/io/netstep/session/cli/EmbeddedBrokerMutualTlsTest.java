package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import io.netstep.net.broker.EmbeddedBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.testing.Checkout;

/**
 * The reference firmware, both TLS stacks, against the embedded broker requiring a client
 * certificate (mutual TLS), with a HiveMQ peer on the same broker. The wolfSSL build must
 * negotiate TLS 1.3 and the mbedTLS build TLS 1.2, as the firmware reports them.
 */
class EmbeddedBrokerMutualTlsTest {

    private static final String BROKER_NAME = "broker.netstep.test";

    private static Path dir;
    private static TestPki pki;
    private static TestPki.PemFiles pem;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("netstep-mtls-");
        pki = TestPki.generate();
        pem = pki.writePem(dir);
        broker = EmbeddedBroker.start(EmbeddedBroker.Security.MUTUAL_TLS, pki);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"netstep-fw-mbedtls, TLSv1.2", "netstep-fw-wolfssl, TLSv1.3"})
    void firmwareWithItsClientCertificateTalksToTheEmbeddedBroker(String variant, String tlsVersion)
            throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/" + variant);
        String topic = "netstep/mtls/" + variant;
        String fromFirmware = "mutual TLS from " + variant;
        Mqtt3BlockingClient peer = MqttClient.builder().useMqttVersion3().identifier("mtls-peer-" + variant)
                .serverHost("127.0.0.1").serverPort(broker.port())
                .sslConfig().trustManagerFactory(pki.trustManagers())
                .keyManagerFactory(pki.clientKeyManagers()).applySslConfig()
                .buildBlocking();
        peer.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes inbox = peer.publishes(MqttGlobalPublishFilter.ALL)) {
            peer.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

            String text = run(firmware, "mtls-" + variant, topic, fromFirmware, true);

            assertTrue(text.contains("fw| CONNACK rc=0"), text);
            assertTrue(text.contains("fw| RECEIVED " + topic + " " + fromFirmware),
                    "the broker sent the firmware its own message back\n" + text);
            assertTrue(text.lines().anyMatch(l -> l.contains("INFO TLS " + tlsVersion)),
                    variant + " negotiated " + tlsVersion + "\n" + text);
            Optional<Mqtt3Publish> got = receive(inbox, fromFirmware);
            assertTrue(got.isPresent(), "the firmware's PUBLISH reached the HiveMQ peer\n" + text);
            assertEquals(MqttQos.AT_LEAST_ONCE, got.get().getQos());
        } finally {
            peer.disconnect();
        }
    }

    @Test
    void firmwareWithoutAClientCertificateIsTurnedAway() throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        String text = run(firmware, "mtls-nocert", "netstep/mtls/nocert", "never", false);
        assertTrue(text.contains("FAIL tls"), "the handshake fails without a client certificate\n" + text);
        assertTrue(!text.contains("fw| CONNACK"), text);
    }

    private static String run(Path firmware, String clientId, String topic, String message, boolean withCert)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--map", BROKER_NAME + "=" + broker.endpoint(),
                "--timeout", "120", "--", firmware.toString(), "--dhcp", "--broker", BROKER_NAME,
                "--ca", pem.ca().toString(), "--client-id", clientId, "--topic", topic,
                "--message", message, "--wait-message", "20"));
        if (withCert) {
            args.addAll(List.of("--cert", pem.clientCert().toString(), "--key", pem.clientKey().toString()));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunOptions o = RunOptions.parse(args, true);
        Runner.Result r = Runner.run(o, NetworkSetup.binder(NetworkSetup.options(o)), ps, ps);
        String text = buf.toString(StandardCharsets.UTF_8);
        if (withCert) {
            assertEquals(0, r.exitCode(), text);
        } else {
            assertNotEquals(0, r.exitCode(), text);
        }
        return text;
    }

    private static Optional<Mqtt3Publish> receive(Mqtt3BlockingClient.Mqtt3Publishes inbox, String payload)
            throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Optional<Mqtt3Publish> p = inbox.receive(10, TimeUnit.SECONDS);
            if (p.isEmpty() || payload.equals(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8))) {
                return p;
            }
        }
        return Optional.empty();
    }
}
