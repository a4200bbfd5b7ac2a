package io.netstep.mqtt.tests;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttPacketType;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real packets: mosquitto (the broker) and mosquitto_pub / mosquitto_sub (the clients) talk
 * through a relay that decodes both directions. Every packet must decode without a violation
 * and carry what the clients were told to send.
 */
class MosquittoCaptureTest {

    static Process broker;
    static int brokerPort;
    static Path dir;

    static boolean installed(String exe) {
        for (String p : new String[] {"/usr/sbin/", "/usr/bin/", "/usr/local/sbin/", "/usr/local/bin/"}) {
            if (new File(p + exe).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(installed("mosquitto") && installed("mosquitto_pub") && installed("mosquitto_sub"),
                "mosquitto, mosquitto_pub and mosquitto_sub are needed (apt-get install mosquitto mosquitto-clients)");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            brokerPort = s.getLocalPort();
        }
        dir = Files.createTempDirectory("netstep-mosquitto");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + brokerPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        fail("mosquitto did not listen on " + brokerPort + ": " + Files.readString(dir.resolve("broker.log")));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Process client(String... args) throws IOException {
        return new ProcessBuilder(args).redirectErrorStream(true).start();
    }

    @ParameterizedTest(name = "mosquitto clients with -V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void realPublishAndSubscribeDecodeCleanly(String version) throws Exception {
        int level = version.equals("mqttv5") ? 5 : 4;
        try (CaptureRelay relay = new CaptureRelay(brokerPort)) {
            String port = Integer.toString(relay.port());
            Process sub = client("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-V", version, "-i", "sub-" + level,
                    "-t", "netstep/#", "-q", "2", "-C", "1");
            // wait until the subscription is in place: the relay has decoded the SUBACK
            for (int i = 0; i < 400 && !hasPacket(relay, MqttPacketType.SUBACK); i++) {
                Thread.sleep(25);
            }
            assertTrue(hasPacket(relay, MqttPacketType.SUBACK), "the subscriber got its SUBACK");
            Process pub = client("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version, "-i", "pub-" + level,
                    "-u", "alice", "-P", "s3cret", "-t", "netstep/temp", "-m", "21.5", "-q", "2");
            assertTrue(pub.waitFor(20, TimeUnit.SECONDS), "mosquitto_pub finished");
            assertTrue(sub.waitFor(20, TimeUnit.SECONDS), "mosquitto_sub got its message and finished");
            String subOut = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("21.5", subOut.trim());
            for (int i = 0; i < 400 && !closed(relay); i++) {
                Thread.sleep(25);
            }

            assertEquals(2, relay.captures.size());
            List<MqttPacket> all = new ArrayList<>();
            for (CaptureRelay.Capture c : relay.captures) {
                assertEquals(List.of(), c.errors);
                assertEquals(List.of(), c.streamProblems, "streams end on packet boundaries");
                assertEquals(level, c.connection.protocolLevel());
                synchronized (c.packets) {
                    all.addAll(c.packets);
                }
                for (MqttPacket p : c.packets) {
                    assertEquals(List.of(), p.violations(), p.text());
                    assertEquals(level, p.protocolLevel());
                }
            }
            CaptureRelay.Capture s = relay.captures.get(0);
            CaptureRelay.Capture p = relay.captures.get(1);
            assertEquals("sub-" + level, s.packets(Direction.CLIENT_TO_SERVER).get(0).clientId());
            MqttPacket subscribe = first(s.packets(Direction.CLIENT_TO_SERVER), MqttPacketType.SUBSCRIBE);
            assertEquals(List.of("netstep/#"), subscribe.topicFilters());
            assertEquals(List.of(2), subscribe.requestedQos());
            MqttPacket suback = first(s.packets(Direction.SERVER_TO_CLIENT), MqttPacketType.SUBACK);
            assertEquals(subscribe.packetId(), suback.packetId());
            assertEquals(List.of(2), suback.returnCodes());

            List<MqttPacket> pc = p.packets(Direction.CLIENT_TO_SERVER);
            MqttPacket connect = pc.get(0);
            assertEquals("pub-" + level, connect.clientId());
            assertEquals("\"alice\"", connect.field("Payload", "User Name").value());
            assertFalse(connect.text().contains("s3cret"), "password masked in text");
            MqttPacket publish = first(pc, MqttPacketType.PUBLISH);
            assertEquals("netstep/temp", publish.topic());
            assertArrayEquals("21.5".getBytes(StandardCharsets.UTF_8), publish.payload());
            assertEquals(2, publish.qos());
            List<MqttPacketType> pubFlow = new ArrayList<>();
            synchronized (p.packets) {
                for (MqttPacket x : p.packets) {
                    pubFlow.add(x.type());
                }
            }
            assertEquals(List.of(MqttPacketType.CONNECT, MqttPacketType.CONNACK, MqttPacketType.PUBLISH,
                    MqttPacketType.PUBREC, MqttPacketType.PUBREL, MqttPacketType.PUBCOMP, MqttPacketType.DISCONNECT),
                    pubFlow);
            MqttPacket delivered = first(s.packets(Direction.SERVER_TO_CLIENT), MqttPacketType.PUBLISH);
            assertEquals("netstep/temp", delivered.topic());
            assertEquals("21.5", new String(delivered.payload(), StandardCharsets.UTF_8));
        }
    }

    static boolean hasPacket(CaptureRelay relay, MqttPacketType type) {
        synchronized (relay.captures) {
            for (CaptureRelay.Capture c : relay.captures) {
                synchronized (c.packets) {
                    for (MqttPacket p : c.packets) {
                        if (p.type() == type) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    static boolean closed(CaptureRelay relay) {
        synchronized (relay.captures) {
            if (relay.captures.size() < 2) {
                return false;
            }
            for (CaptureRelay.Capture c : relay.captures) {
                if (first(c.packets(Direction.CLIENT_TO_SERVER), MqttPacketType.DISCONNECT) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    static MqttPacket first(List<MqttPacket> ps, MqttPacketType type) {
        for (MqttPacket p : ps) {
            if (p.type() == type) {
                return p;
            }
        }
        return null;
    }
}
