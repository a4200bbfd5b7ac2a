package io.netstep.net.broker;

import static org.junit.jupiter.api.Assertions.*;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded broker with a real MQTT client (HiveMQ MQTT client), plain, TLS and mutual TLS. */
class EmbeddedBrokerTest {

    static TestPki pki;

    @BeforeAll static void makePki() {
        pki = TestPki.generate();
    }

    @AfterAll static void done() {
        pki = null;
    }

    private static Mqtt3BlockingClient client(String id, int port, MqttClientSslConfig ssl) {
        var b = MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1").serverPort(port);
        if (ssl != null) b = b.sslConfig(ssl);
        return b.buildBlocking();
    }

    /** CONNECT, SUBSCRIBE, PUBLISH QoS 1 and receive it back: the broker really routes. */
    private static void roundTrip(Mqtt3BlockingClient c) throws Exception {
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, c.connect().getReturnCode());
        try (Mqtt3BlockingClient.Mqtt3Publishes pubs = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter("netstep/test/#").qos(MqttQos.AT_LEAST_ONCE).send();
            c.publishWith().topic("netstep/test/a").qos(MqttQos.AT_LEAST_ONCE).payload("hello".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> m = pubs.receive(20, TimeUnit.SECONDS);
            assertTrue(m.isPresent(), "the published message came back");
            assertEquals("netstep/test/a", m.get().getTopic().toString());
            assertEquals("hello", new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    @Test void plain() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.startPlain()) {
            assertTrue(b.port() > 0);
            assertEquals("127.0.0.1:" + b.port(), b.endpoint());
            roundTrip(client("plain", b.port(), null));
        }
    }

    @Test void tlsWithTheTestCa() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.start(EmbeddedBroker.Security.TLS, pki)) {
            MqttClientSslConfig ssl = MqttClientSslConfig.builder().trustManagerFactory(pki.trustManagers()).build();
            roundTrip(client("tls", b.port(), ssl));
            // a client that does not trust the test CA must not get in
            Mqtt3BlockingClient untrusting = client("untrusting", b.port(), MqttClientSslConfig.builder().build());
            assertThrows(RuntimeException.class, untrusting::connect);
        }
    }

    @Test void mutualTlsAdmitsTheClientCertificateOnly() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.start(EmbeddedBroker.Security.MUTUAL_TLS, pki)) {
            MqttClientSslConfig withCert = MqttClientSslConfig.builder()
                    .trustManagerFactory(pki.trustManagers()).keyManagerFactory(pki.clientKeyManagers()).build();
            roundTrip(client("mtls", b.port(), withCert));
            MqttClientSslConfig noCert = MqttClientSslConfig.builder().trustManagerFactory(pki.trustManagers()).build();
            Mqtt3BlockingClient anonymous = client("no-cert", b.port(), noCert);
            assertThrows(RuntimeException.class, anonymous::connect, "no client certificate: rejected");
            TestPki stranger = TestPki.generate();
            MqttClientSslConfig otherCa = MqttClientSslConfig.builder()
                    .trustManagerFactory(pki.trustManagers()).keyManagerFactory(stranger.clientKeyManagers()).build();
            assertThrows(RuntimeException.class, client("stranger", b.port(), otherCa)::connect, "a certificate from another CA: rejected");
        }
    }

    @Test void tlsNeedsAPki() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedBroker.start(EmbeddedBroker.Security.TLS, null));
    }
}
