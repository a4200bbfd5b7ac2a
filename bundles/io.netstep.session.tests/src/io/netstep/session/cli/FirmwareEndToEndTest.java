package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import io.netstep.net.NetworkEvent;
import io.netstep.session.Breakpoint;
import io.netstep.session.Session;
import io.netstep.session.SessionListener;
import static io.netstep.session.Waits.waitFor;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;
import io.netstep.net.broker.TestPki;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.testing.Checkout;
import io.netstep.testing.MosquittoBroker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference firmware through the real chain: C shim → bridge → chip → virtual network →
 * a real mosquitto (TLS) on 127.0.0.1, with a HiveMQ client on the same broker as the peer.
 */
class FirmwareEndToEndTest {

    private static final String BROKER_NAME = "broker.netstep.test";

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker mosquitto;

    @BeforeAll
    static void startBroker() throws Exception {
        Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        pki = TestPki.generate();
        mosquitto = MosquittoBroker.tls(pki, dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static Mqtt3BlockingClient hive(String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id)
                .serverHost("127.0.0.1").serverPort(mosquitto.port())
                .sslConfig().trustManagerFactory(pki.trustManagers()).applySslConfig()
                .buildBlocking();
    }

    @ParameterizedTest
    @ValueSource(strings = {"netstep-fw-mbedtls", "netstep-fw-wolfssl"})
    void firmwareTalksMqttOverTlsWithARealBrokerAndPeer(String variant) throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/" + variant);
        String clientId = "e2e-" + variant;
        String topic = "netstep/e2e/" + variant;
        String fromFirmware = "hello from the virtual W5500";
        String fromPeer = "hello from the HiveMQ peer";
        Mqtt3BlockingClient peer = hive("hive-peer");
        peer.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes inbox = peer.publishes(MqttGlobalPublishFilter.ALL)) {
            peer.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            // retained: the broker hands it to the firmware right after its SUBSCRIBE
            peer.publishWith().topic(topic).payload(fromPeer.getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).retain(true).send();

            Path record = dir.resolve("session.jsonl");
            RunOptions o = RunOptions.parse(List.of("--map", BROKER_NAME + "=" + mosquitto.endpoint(),
                    "--timeout", "120", "--record", record.toString(), "--",
                    firmware.toString(), "--dhcp", "--broker", BROKER_NAME,
                    "--ca", dir.resolve("ca.pem").toString(), "--client-id", clientId, "--topic", topic,
                    "--message", fromFirmware, "--wait-message", "20"), true);
            Captured c = run(o);

            assertEquals(0, c.result.exitCode(), c.text);
            assertTrue(c.text.contains("fw| CONNACK rc=0"), c.text);
            assertTrue(c.text.contains("fw| RECEIVED " + topic + " " + fromPeer), "the peer's message reached the firmware\n" + c.text);
            assertTrue(c.result.established());

            Optional<Mqtt3Publish> got = receive(inbox, fromFirmware);
            assertTrue(got.isPresent(), "the firmware's message reached the HiveMQ peer");
            assertEquals(MqttQos.AT_LEAST_ONCE, got.get().getQos(), "published with QoS 1");

            String broker = mosquitto.log();
            // mosquitto's own account (log_type all): MQTT 3.1.1 (p2) CONNECT accepted, SUBSCRIBE, PUBLISH QoS 1
            for (String line : List.of(" as " + clientId + " (p2, c1", "Sending CONNACK to " + clientId + " (0, 0)",
                    "Received SUBSCRIBE from " + clientId, "Sending SUBACK to " + clientId,
                    "Received PUBLISH from " + clientId + " (d0, q1", "Sending PUBACK to " + clientId)) {
                assertTrue(broker.contains(line), "mosquitto log lacks '" + line + "':\n" + broker);
            }

            // the timeline: DHCP, DNS through the virtual network, the TCP connect, key log counted
            List<LogEntry> log = c.result.log();
            assertTrue(log.stream().anyMatch(e -> e.event() instanceof NetworkEvent.Dhcp d && "ACK".equals(d.reply())));
            assertTrue(log.stream().anyMatch(e -> e.event() instanceof NetworkEvent.Dns d && BROKER_NAME.equals(d.name())
                    && d.address() != null));
            assertTrue(log.stream().anyMatch(e -> e.event() instanceof NetworkEvent.Connect k
                    && k.result() == NetworkEvent.ConnectResult.CONNECTED && mosquitto.endpoint().equals(k.host())),
                    c.text);
            if (variant.contains("mbedtls")) {
                assertTrue(log.stream().anyMatch(e -> e.event() instanceof SessionEvent.KeyLogLine),
                        "mbedTLS handed over its secrets");
            }
            assertTrue(c.text.contains("dns      A " + BROKER_NAME), c.text);

            // the recording: one JSON object per entry, no secrets
            List<String> lines = Files.readAllLines(record);
            assertEquals(log.size(), lines.size());
            assertTrue(lines.get(0).startsWith("{\"seq\":1,"), lines.get(0));
            assertFalse(lines.stream().anyMatch(l -> l.contains("CLIENT_RANDOM")), "no key log content in the recording");
        } finally {
            peer.disconnect();
        }
    }

    @Test
    void refusedBrokerFailsWithTheFirmwaresStatus() throws Exception {
        int closed = MosquittoBroker.freePort();
        RunOptions o = RunOptions.parse(List.of("--map", BROKER_NAME + "=127.0.0.1:" + closed, "--timeout", "120", "--",
                Checkout.nativeExecutable("firmware/netstep-fw-mbedtls").toString(), "--dhcp", "--broker", BROKER_NAME,
                "--ca", dir.resolve("ca.pem").toString(), "--client-id", "netstep-refused"), true);
        Captured c = run(o);
        assertEquals(2, c.result.exitCode(), "network failure exit status of the firmware\n" + c.text);
        assertFalse(c.result.established());
        assertTrue(c.result.log().stream().anyMatch(e -> e.event() instanceof NetworkEvent.Connect k
                && k.result() == NetworkEvent.ConnectResult.REFUSED), c.text);
        assertTrue(c.text.contains("FAILED: the firmware exited with status 2"), c.text);
    }

    @Test
    void firmwareThatNeverConnectsFailsEvenWithStatusZero() throws Exception {
        Path client = Checkout.nativeExecutable("tests/shim_client");
        Captured c = run(RunOptions.parse(List.of("--spi", "--", client.toString(), "read-byte"), true));
        assertEquals(0, c.result.firmwareStatus(), c.text);
        assertEquals(Runner.EXIT_NOT_ESTABLISHED, c.result.exitCode(), c.text);
        assertTrue(c.text.contains("fw| 04"), "VERSIONR read through the real shim\n" + c.text);
        assertTrue(c.text.contains("spi      read  common VERSIONR: 04"), c.text);
    }

    @Test
    void breakpointOnConnectHoldsTheRealFirmwareAndTheChip() throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        RunOptions o = RunOptions.parse(List.of("--map", BROKER_NAME + "=" + mosquitto.endpoint(), "--", "x"), true);
        BlockingQueue<Object[]> suspends = new LinkedBlockingQueue<>();
        long connectionsBefore = count(mosquittoLog(), "New connection from");
        try (Session session = new Session(NetworkSetup.binder(NetworkSetup.options(o)))) {
            session.addSessionListener(new SessionListener() {
                @Override
                public void suspended(SessionEvent.SuspendReason reason, LogEntry cause) {
                    suspends.add(new Object[] {reason, cause});
                }
            });
            session.addBreakpoint(new Breakpoint("Sn_CR CONNECT", e -> e.event() instanceof ChipEvent.Command c
                    && c.command() == Registers.Sn_CR_CONNECT));
            session.start();
            try (BridgeServer bridge = BridgeServer.unix(session).start()) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
                FirmwareProcess fw = FirmwareProcess.start(List.of(firmware.toString(), "--dhcp", "--broker", BROKER_NAME,
                        "--ca", dir.resolve("ca.pem").toString(), "--client-id", "e2e-debug", "--topic", "netstep/e2e/debug"),
                        bridge.environment(), ps, ps);
                try {
                    Object[] hit = suspends.poll(60, TimeUnit.SECONDS);
                    assertNotNull(hit, "the breakpoint was hit\n" + buf);
                    assertEquals(SessionEvent.SuspendReason.BREAKPOINT, hit[0]);
                    ChipEvent.Command connect = (ChipEvent.Command) ((LogEntry) hit[1]).event();
                    int sn = connect.socket();

                    // the firmware blocks on its next request; the clock and the chip stand still
                    waitFor(() -> session.waitingRequests() == 1, "the firmware's next request");
                    long frozen = session.clock().nanos();
                    int seenBefore = session.log().size();
                    int srBefore = session.peek(Registers.socketBlock(sn), Registers.Sn_SR);
                    // the host connection is made meanwhile (mosquitto accepts it) ...
                    waitFor(() -> count(mosquittoLog(), "New connection from") > connectionsBefore,
                            "mosquitto to accept the host side of the connect");
                    assertEquals(frozen, session.clock().nanos());
                    assertEquals(Registers.SOCK_SYNSENT, srBefore);
                    // ... but the chip does not learn of it while paused
                    assertEquals(srBefore, session.peek(Registers.socketBlock(sn), Registers.Sn_SR),
                            "the connect result is held back while paused");
                    assertTrue(session.log().after(seenBefore).stream().noneMatch(e -> e.event() instanceof ChipEvent),
                            "no chip event while paused");

                    session.stepToNextSocketCommand();
                    Object[] step = suspends.poll(60, TimeUnit.SECONDS);
                    assertNotNull(step, "the step ended");
                    assertEquals(SessionEvent.SuspendReason.STEP, step[0]);
                    assertTrue(((LogEntry) step[1]).event() instanceof ChipEvent.Command);

                    session.removeBreakpoint(session.breakpoints().get(0));
                    session.resume();
                    assertEquals(0, fw.waitFor(120), buf.toString(StandardCharsets.UTF_8));
                } finally {
                    fw.kill();
                }
                assertTrue(buf.toString(StandardCharsets.UTF_8).contains("fw| CONNACK rc=0"), buf.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static String mosquittoLog() {
        try {
            return mosquitto.log();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long count(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    private record Captured(Runner.Result result, String text) { }

    private static Captured run(RunOptions o) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Runner.Result r = Runner.run(o, NetworkSetup.binder(NetworkSetup.options(o)), ps, ps);
        return new Captured(r, buf.toString(StandardCharsets.UTF_8));
    }

    private static Optional<Mqtt3Publish> receive(Mqtt3BlockingClient.Mqtt3Publishes inbox, String payload)
            throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Optional<Mqtt3Publish> p = inbox.receive(10, TimeUnit.SECONDS);
            if (p.isEmpty()) {
                return p;
            }
            assertNotNull(p.get().getPayloadAsBytes());
            if (payload.equals(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8))) {
                return p;
            }
        }
        return Optional.empty();
    }
}
