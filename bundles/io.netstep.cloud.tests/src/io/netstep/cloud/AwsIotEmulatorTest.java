package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.cloud.CloudEvent.Kind;
import io.netstep.net.HostPort;
import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS IoT emulator with real TLS on 127.0.0.1, a real broker behind it, and real MQTT clients
 * (HiveMQ MQTT client; a byte-level device where the exact answer matters). Keepalive runs on a
 * hand-driven clock, so nothing here waits for seconds to pass.
 */
class AwsIotEmulatorTest {

    static final AtomicLong clock = new AtomicLong(1_000_000_000L);
    static final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    static CloudProfile cloud;

    @BeforeAll static void start() throws Exception {
        AwsIotOptions o = CloudProfile.parse("aws-iot:sensor-a").clock(clock::get).keyType(TestPki.KeyType.EC_P256);
        cloud = CloudProfile.start(o, events::add);
    }

    @AfterAll static void stop() {
        if (cloud != null) cloud.close();
    }

    /** A device certificate for {@code thing}, attached to it (as AWS's create-thing + attach-thing-principal). */
    static AwsIotPki.Device device(String thing) {
        if (thing.equals(cloud.device().thingName())) return cloud.device();
        AwsIotPki.Device d = cloud.pki().issueDevice(thing);
        cloud.emulator().attachThing(d.certificate(), thing);
        return d;
    }

    /** The address the device dials: 127.0.0.1, named as the endpoint so the client sends it as SNI. */
    static InetSocketAddress endpointAddress() throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(cloud.endpoint(), new byte[] { 127, 0, 0, 1 }), cloud.port());
    }

    static Mqtt3BlockingClient hivemq(String clientId, AwsIotPki.Device device, boolean sni) throws Exception {
        var ssl = MqttClientSslConfig.builder().trustManagerFactory(cloud.pki().trustManagers());
        if (device != null) ssl = ssl.keyManagerFactory(device.keyManagers());
        var b = MqttClient.builder().useMqttVersion3().identifier(clientId).sslConfig(ssl.build());
        b = sni ? b.serverAddress(endpointAddress()) : b.serverHost("127.0.0.1").serverPort(cloud.port());
        return b.buildBlocking();
    }

    /** Waits (bounded, polling) for an event; the bound only stops a broken test. */
    static CloudEvent await(Kind kind, Predicate<CloudEvent> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (CloudEvent e : events) if (e.kind() == kind && p.test(e)) return e;
            Thread.sleep(10);
        }
        fail("no " + kind + " event; events: " + events);
        return null;
    }

    static boolean none(Kind kind, Predicate<CloudEvent> p) {
        return events.stream().noneMatch(e -> e.kind() == kind && p.test(e));
    }

    // ------------------------------------------------------------------ allowed traffic

    @Test void allowedConnectSubscribePublishWorksEndToEnd() throws Exception {
        Mqtt3BlockingClient c = hivemq("sensor-a", device("sensor-a"), true);
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, c.connect().getReturnCode());
        try (Mqtt3BlockingClient.Mqtt3Publishes pubs = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter("sensor-a/cmd/#").qos(MqttQos.AT_LEAST_ONCE).send();
            c.publishWith().topic("sensor-a/cmd/led").qos(MqttQos.AT_LEAST_ONCE).payload("on".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> m = pubs.receive(20, TimeUnit.SECONDS);
            assertTrue(m.isPresent(), "the message went through the emulator and the broker and came back");
            assertEquals("sensor-a/cmd/led", m.get().getTopic().toString());
            assertEquals("on", new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
        CloudEvent tls = await(Kind.TLS_ACCEPTED, e -> e.detail().contains("CN=sensor-a"));
        assertTrue(tls.detail().contains("SNI " + cloud.endpoint()), tls.detail());
        CloudEvent conn = await(Kind.CONNECTED, e -> "sensor-a".equals(e.clientId()));
        assertTrue(conn.rule().contains("iot:Connect"), conn.rule());
        assertTrue(none(Kind.PUBLISH_DENIED, e -> "sensor-a".equals(e.clientId())));
    }

    @Test void theNameMapSendsAwsEndpointsToTheEmulator() {
        NetworkOptions n = new NetworkOptions();
        cloud.applyTo(n);
        assertEquals(new HostPort("127.0.0.1", cloud.port()), n.nameMap().lookup(cloud.endpoint(), 8883));
        assertEquals(new HostPort("127.0.0.1", cloud.port()), n.nameMap().lookup("other-ats.iot.eu-central-1.amazonaws.com", 8883));
        assertNull(n.nameMap().lookup("broker.test", 8883));
    }

    @Test void deviceFilesAreWrittenWithAPrivateKey(@TempDir Path dir) throws Exception {
        AwsIotPki.DeviceFiles f = cloud.writeDeviceFiles(dir);
        assertTrue(Files.readString(f.rootCa()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(f.certificate()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(f.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(f.privateKey()));
        assertFalse(cloud.describe().contains("PRIVATE"), "no secrets in the description");
    }

    // ------------------------------------------------------------------ TLS refusals

    @Test void missingSniIsRefused() throws Exception {
        Mqtt3BlockingClient c = hivemq("sensor-a", device("sensor-a"), false);
        assertThrows(RuntimeException.class, c::connect);
        CloudEvent e = await(Kind.SNI_MISSING, x -> true);
        assertEquals("F4", e.kind().failureId());
        assertTrue(e.detail().contains(cloud.endpoint()), "names the endpoint to send: " + e.detail());
        assertThrows(Exception.class, () -> new RawDevice(cloud, device("sensor-a"), false).close(), "the TLS handshake never completes");
    }

    @Test void missingClientCertificateIsRefused() throws Exception {
        Mqtt3BlockingClient c = hivemq("sensor-a", null, true);
        assertThrows(RuntimeException.class, c::connect);
        CloudEvent e = await(Kind.CLIENT_CERT_MISSING, x -> true);
        assertEquals("F8", e.kind().failureId());
    }

    @Test void certificateOfAnotherCaIsRefused() throws Exception {
        TestPki stranger = TestPki.generate();
        MqttClientSslConfig ssl = MqttClientSslConfig.builder().trustManagerFactory(cloud.pki().trustManagers())
                .keyManagerFactory(stranger.clientKeyManagers()).build();
        Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("sensor-a").sslConfig(ssl)
                .serverAddress(endpointAddress()).buildBlocking();
        assertThrows(RuntimeException.class, c::connect);
        await(Kind.CLIENT_CERT_REJECTED, x -> true);
    }

    // ------------------------------------------------------------------ policy

    @Test void forbiddenTopicDropsTheConnectionWithoutAReason() throws Exception {
        try (RawDevice d = new RawDevice(cloud, device("sensor-b"), true)) {
            assertEquals(0, d.connect("sensor-b", 60));
            d.publish("sensor-c/telemetry", 1, 7, "x");
            assertNull(d.readPacket(), "no PUBACK, no DISCONNECT: the connection just ends");
        }
        CloudEvent e = await(Kind.PUBLISH_DENIED, x -> "sensor-b".equals(x.clientId()));
        assertEquals("sensor-c/telemetry", e.topic());
        assertTrue(e.rule().contains("iot:Publish") && e.rule().contains("topic/sensor-c/telemetry"), e.rule());
        assertEquals("F11", e.kind().failureId());

        try (RawDevice d = new RawDevice(cloud, device("sensor-b"), true)) {
            assertEquals(0, d.connect("sensor-b", 60));
            d.subscribe("#", 1, 1);
            assertNull(d.readPacket(), "no SUBACK: the connection just ends");
        }
        assertEquals("#", await(Kind.SUBSCRIBE_DENIED, x -> "sensor-b".equals(x.clientId())).topic());
    }

    @Test void clientIdThatIsNotTheThingIsNotAllowedToConnect() throws Exception {
        try (RawDevice d = new RawDevice(cloud, device("sensor-b"), true)) {
            assertThrows(java.io.EOFException.class, () -> d.connect("my-laptop", 60), "closed without CONNACK");
        }
        CloudEvent e = await(Kind.CONNECT_DENIED, x -> "my-laptop".equals(x.clientId()));
        assertTrue(e.rule().contains("client/my-laptop"), e.rule());
    }

    // ------------------------------------------------------------------ keepalive, QoS 2, client ID

    @Test void keepAliveExpiresAfterOneAndAHalfTimesTheClampedKeepAlive() throws Exception {
        try (RawDevice d = new RawDevice(cloud, device("sensor-k"), true)) {
            assertEquals(0, d.connect("sensor-k", 5));
            CloudEvent c = await(Kind.CONNECTED, x -> "sensor-k".equals(x.clientId()));
            assertTrue(c.detail().contains("in force 30 s"), "AWS IoT raises 5 s to 30 s: " + c.detail());

            clock.addAndGet(TimeUnit.SECONDS.toNanos(40));
            cloud.emulator().checkKeepAlive();
            d.pingreq();
            byte[] p = d.readPacket();
            assertNotNull(p, "40 s of silence is within 1.5 x 30 s");
            assertEquals(13, RawDevice.type(p), "PINGRESP");

            clock.addAndGet(TimeUnit.SECONDS.toNanos(44));
            cloud.emulator().checkKeepAlive();
            assertTrue(none(Kind.KEEPALIVE_EXPIRED, x -> "sensor-k".equals(x.clientId())), "44 s after the PINGREQ: still open");

            clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
            cloud.emulator().checkKeepAlive();
            CloudEvent e = await(Kind.KEEPALIVE_EXPIRED, x -> "sensor-k".equals(x.clientId()));
            assertTrue(e.detail().contains("keepalive in force 30 s") && e.detail().contains("46.000 s"), e.detail());
            assertNull(d.readPacket(), "the connection is closed");
        }
    }

    @Test void qos2GetsNoAcknowledgementAndIsNotCarried() throws Exception {
        try (RawDevice d = new RawDevice(cloud, device("sensor-q"), true)) {
            assertEquals(0, d.connect("sensor-q", 60));
            d.subscribe("sensor-q/in", 2, 1);
            d.pingreq();
            assertEquals(13, RawDevice.type(d.readPacket()), "PINGRESP comes first: no SUBACK for QoS 2");
            assertEquals("sensor-q/in", await(Kind.QOS2_REFUSED, x -> "sensor-q".equals(x.clientId())).topic());

            d.subscribe("sensor-q/in", 1, 2);
            byte[] suback = d.readPacket();
            assertEquals(9, RawDevice.type(suback));
            assertEquals(1, suback[4], "QoS 1 granted");

            d.publish("sensor-q/in", 2, 3, "first");
            d.pingreq();
            assertEquals(13, RawDevice.type(d.readPacket()), "no PUBREC, and the QoS 2 message is not delivered");

            d.publish("sensor-q/in", 1, 4, "second");
            boolean gotAck = false;
            String delivered = null;
            for (int i = 0; i < 2; i++) {
                byte[] p = d.readPacket();
                assertNotNull(p);
                if (RawDevice.type(p) == 4) gotAck = true;
                if (RawDevice.type(p) == 3) {
                    int tl = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
                    delivered = new String(p, 4 + tl + 2, p.length - (4 + tl + 2), StandardCharsets.UTF_8);
                }
            }
            assertTrue(gotAck, "QoS 1 is acknowledged");
            assertEquals("second", delivered, "the only message delivered is the QoS 1 one");
        }
    }

    @Test void duplicateClientIdDropsTheOlderConnection() throws Exception {
        AwsIotPki.Device dev = device("sensor-d");
        Mqtt3BlockingClient first = hivemq("sensor-d", dev, true);
        Mqtt3BlockingClient second = hivemq("sensor-d", dev, true);
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, first.connect().getReturnCode());
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, second.connect().getReturnCode());
        CloudEvent e = await(Kind.CLIENT_ID_TAKEN, x -> "sensor-d".equals(x.clientId()));
        assertEquals("F12", e.kind().failureId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (first.getState().isConnected() && System.nanoTime() < deadline) Thread.sleep(10);
        assertFalse(first.getState().isConnected(), "the older connection was dropped");
        assertTrue(second.getState().isConnected(), "the newer one stays");
        try (Mqtt3BlockingClient.Mqtt3Publishes pubs = second.publishes(MqttGlobalPublishFilter.ALL)) {
            second.subscribeWith().topicFilter("sensor-d/#").qos(MqttQos.AT_LEAST_ONCE).send();
            second.publishWith().topic("sensor-d/x").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] { 1 }).send();
            assertTrue(pubs.receive(20, TimeUnit.SECONDS).isPresent(), "the newer connection works");
        } finally {
            second.disconnect();
        }
    }
}
