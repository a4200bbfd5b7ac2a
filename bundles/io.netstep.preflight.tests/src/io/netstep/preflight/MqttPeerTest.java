package io.netstep.preflight;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two peers on one real mosquitto (TLS, the broker's name checked) see each other's messages. */
class MqttPeerTest {

    private static PreflightSettings settings(MosquittoBroker m, String clientId) throws Exception {
        return new PreflightSettings().host("broker.test").address(InetAddress.getLoopbackAddress()).port(m.port())
                .caFile(m.pem().ca()).clientId(clientId);
    }

    @Test
    void twoPeersSeeEachOthersMessages(@TempDir Path dir) throws Exception {
        try (MosquittoBroker m = MosquittoBroker.tls(TestPki.generate(), dir);
             MqttPeer a = new MqttPeer(settings(m, "peer-a"));
             MqttPeer b = new MqttPeer(settings(m, "peer-b"))) {
            LinkedBlockingQueue<PeerMessage> toA = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<PeerMessage> toB = new LinkedBlockingQueue<>();
            a.addListener(toA::add);
            b.addListener(toB::add);
            a.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);
            assertTrue(a.isConnected() && b.isConnected());
            a.subscribe("device/+/up", 1).get(10, TimeUnit.SECONDS);
            b.subscribe("device/meter/down", 0).get(10, TimeUnit.SECONDS);

            b.publish("device/meter/up", "21.5".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
            PeerMessage up = toA.poll(10, TimeUnit.SECONDS);
            assertNotNull(up, "a got b's message");
            assertEquals("device/meter/up", up.topic());
            assertEquals("21.5", up.payloadText());
            assertEquals(1, up.qos());
            assertFalse(up.retain());

            a.publish("device/meter/down", new byte[] { 1, 2, 3 }, 0, true).get(10, TimeUnit.SECONDS);
            PeerMessage down = toB.poll(10, TimeUnit.SECONDS);
            assertNotNull(down, "b got a's message");
            assertArrayEquals(new byte[] { 1, 2, 3 }, down.payload());
            assertEquals(0, down.qos());
            assertNull(toA.poll(300, TimeUnit.MILLISECONDS), "a did not subscribe to device/meter/down");
        }
    }

    @Test
    void wrongServerNameAndBadTopicsAreClearErrors(@TempDir Path dir) throws Exception {
        try (MosquittoBroker m = MosquittoBroker.tls(TestPki.generate(), dir)) {
            try (MqttPeer wrongName = new MqttPeer(settings(m, "peer-c").host("not-the-broker.example"))) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> wrongName.connect().get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause().getMessage().contains("cannot connect"), e.getCause().getMessage());
                assertFalse(wrongName.isConnected());
            }
            try (MqttPeer p = new MqttPeer(settings(m, "peer-d"))) {
                assertThrows(ExecutionException.class, () -> p.publish("a/b", new byte[0], 0, false).get(), "not connected yet");
                p.connect().get(10, TimeUnit.SECONDS);
                ExecutionException e = assertThrows(ExecutionException.class, () -> p.publish("a/#", new byte[0], 0, false).get());
                assertTrue(e.getCause().getMessage().contains("not a topic to publish to"), e.getCause().getMessage());
                assertThrows(ExecutionException.class, () -> p.subscribe("a/b", 3).get(), "QoS 3 does not exist");
            }
        }
    }
}
