package io.netstep.session.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.session.EventLog;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.session.cli.Main;
import io.netstep.session.capture.SessionFile;
import io.netstep.testing.Checkout;
import io.netstep.testing.MosquittoBroker;
import io.netstep.tls.names.TlsNames;
import io.netstep.w5500.Registers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recorded sessions of the reference firmware (C shim → bridge → chip → virtual network → real
 * mosquitto with TLS), decoded by NetStep and by real tshark from NetStep's own pcapng export
 * with the embedded secrets: the MQTT packets must be the very same lists (type, topic,
 * payload, packet id), per direction; the session file and the pcapng must decode alike; every
 * MQTT packet must link down to TLS records and the chip reads/writes that moved its bytes.
 * <p>
 * wolfSSL TLS 1.3 needs the firmware linked against a libwolfssl with HAVE_SECRET_CALLBACK
 * (native/third_party/wolfssl-keylog.sh, run by test.sh). Without it no secrets reach the key
 * log: in CI (environment variable {@code CI} set and not "false", as .ci/run and CI services
 * do) that case fails; elsewhere it checks that NetStep says why it cannot decrypt, then is
 * reported as skipped with the reason.
 */
class FirmwareAnalysisTest {

    private static final String BROKER = "broker.netstep.test";
    private static final int TLS_PORT = 8883;

    @TempDir
    static Path dir;
    private static MosquittoBroker mosquitto;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        Tshark.exe();
        mosquitto = MosquittoBroker.tls(TestPki.generate(), dir);
        port = mosquitto.port();
    }

    @AfterAll
    static void stop() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"netstep-fw-mbedtls,''", "netstep-fw-wolfssl,--tls12", "netstep-fw-wolfssl,''"})
    void netstepDecodesTheSameMqttAsTsharkAndLinksItDownToTheChip(String variant, String extra) throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/" + variant);
        String tag = variant + (extra.isEmpty() ? "" : extra.replace("-", "_"));
        String clientId = "an-" + tag;
        String topic = "netstep/analysis/" + tag;
        String message = "analysed " + tag + " " + "y".repeat(700); // several TLS records' worth on the way back
        Path session = dir.resolve(tag + ".session");
        Path pcapng = dir.resolve(tag + ".pcapng");
        List<String> args = new ArrayList<>(List.of("run", "--map", BROKER + "=127.0.0.1:" + port, "--timeout", "120",
                "--save-session", session.toString(), "--export-pcapng", pcapng.toString(), "--", firmware.toString(),
                "--dhcp", "--broker", BROKER, "--ca", dir.resolve("ca.pem").toString(), "--client-id", clientId,
                "--topic", topic, "--message", message, "--wait-message", "20"));
        if (!extra.isEmpty()) {
            args.add(extra);
        }
        String text = cli(args);
        if (System.getenv("NETSTEP_KEEP") != null) {
            Files.copy(session, Path.of(System.getenv("NETSTEP_KEEP"), tag + ".session"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pcapng, Path.of(System.getenv("NETSTEP_KEEP"), tag + ".pcapng"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(text.contains("fw| CONNACK rc=0"), text);

        Analysis fromSession = Analysis.open(session, null);
        Analysis fromPcapng = Analysis.open(pcapng, null);
        assertEquals(List.of(), fromSession.problems());
        assertEquals(1, fromSession.connections().size(), fromSession.connections().toString());
        Connection conn = fromSession.connections().get(0);
        assertTrue(conn.isTls());
        assertTrue(conn.remoteEndpoint().endsWith(":" + TLS_PORT), conn.remoteEndpoint());
        assertEquals(BROKER, conn.peerName());
        // who sent FIN first is a race between the firmware's DISCON and mosquitto closing after
        // DISCONNECT: the chip's own states say which, and the analysis must agree
        boolean peerFirst = false;
        for (ProtocolEvent e : fromSession.events(Layer.CHIP)) {
            if (e.type().equals("Sn_CR DISCON")) {
                break;
            }
            peerFirst |= e.type().equals("Sn_SR SOCK_CLOSE_WAIT");
        }
        // mosquitto may also reset its side (data after its close): the host socket reports it,
        // and then the analysis must say RST_BY_PEER; otherwise the FIN order the chip saw
        boolean hostReset = fromSession.events(Layer.NET).stream()
                .map(e -> (e.type() + " " + e.summary()).toLowerCase(java.util.Locale.ROOT))
                .anyMatch(t -> t.contains("reset") || t.contains("rst"));
        Connection.CloseKind finKind = peerFirst ? Connection.CloseKind.FIN_BY_PEER : Connection.CloseKind.FIN_BY_FIRMWARE;
        if (hostReset && conn.closeKind() == Connection.CloseKind.RST_BY_PEER) {
            assertTrue(conn.closeDetail().contains("RST") || conn.closeDetail().toLowerCase(java.util.Locale.ROOT).contains("reset"),
                    conn.closeDetail());
        } else {
            assertEquals(finKind, conn.closeKind(), conn.closeDetail());
        }
        assertEquals(BROKER, conn.sni());
        // bytes the firmware never read (the broker's close_notify after DISCON) are decoded and marked
        assertTrue(conn.bytesS2cRead() <= conn.bytesS2cArrived());
        long unread = fromSession.events(Layer.TLS_RECORD).stream()
                .filter(r -> Boolean.FALSE.equals(r.attributes().get("read_by_firmware")))
                .mapToLong(r -> r.bytes().length).sum();
        assertEquals(conn.bytesS2cArrived() - conn.bytesS2cRead(), unread);

        // the pcapng shows the same connection, by the firmware's (virtual) addresses
        assertEquals(1, fromPcapng.connections().size());
        Connection wire = fromPcapng.connections().get(0);
        assertEquals(conn.localEndpoint(), wire.localEndpoint());
        assertEquals(conn.remoteEndpoint(), wire.remoteEndpoint());
        assertEquals(conn.sni(), wire.sni());
        assertEquals(conn.cipherSuite(), wire.cipherSuite());
        // mosquitto sometimes answers the firmware's late close_notify with RST: the chip then
        // goes to SOCK_CLOSED by RST, and the wire shows that RST after the FINs
        boolean peerReset = fromSession.events(Layer.CHIP).stream()
                .anyMatch(e -> e.type().equals("Sn_SR SOCK_CLOSED")
                        && String.valueOf(e.attributes().get("cause")).startsWith("RST")
                        // from TIME_WAIT / LAST_ACK both FINs were already on the wire (no RST written)
                        && !List.of("SOCK_TIME_WAIT", "SOCK_LAST_ACK").contains(e.attributes().get("from")));
        assertEquals(peerReset ? Connection.CloseKind.RST_BY_PEER : Connection.CloseKind.FIN_BOTH_ORDER_UNKNOWN,
                wire.closeKind(), "a capture has no order of the FINs; a reset shows as such");

        // TLS handshake: NetStep's ClientHello/ServerHello against tshark's (both plaintext in any version)
        List<Tshark.Hello> hellos = Tshark.hellos(pcapng, TLS_PORT);
        ProtocolEvent ch = only(fromSession.events(Layer.TLS_HANDSHAKE), "ClientHello");
        ProtocolEvent sh = only(fromSession.events(Layer.TLS_HANDSHAKE), "ServerHello");
        assertEquals(2, hellos.size(), hellos.toString());
        assertEquals(hellos.get(0).sni(), ch.attr("sni"));
        assertEquals(TlsNames.cipherSuite(Integer.decode(hellos.get(1).cipherSuite())), sh.attr("cipher_suite"));
        assertEquals(extra.isEmpty() && variant.contains("wolfssl") ? "TLS 1.3" : "TLS 1.2", sh.attr("version"));
        assertEquals(sh.attr("version"), conn.tlsVersion());
        boolean tls13 = extra.isEmpty() && variant.contains("wolfssl");
        // tshark's reading of the ServerHello: TLS 1.3 is negotiated by supported_versions (RFC 8446 4.2.1)
        assertEquals(tls13 ? "0x0304" : null, serverHelloSupportedVersion(pcapng), "ServerHello supported_versions");
        List<String> keyLog = SessionFile.load(session).keyLog().lines();
        boolean secrets = !keyLog.isEmpty();
        if (tls13 && secrets) {
            // labels only: the secrets themselves never go into a message
            assertTrue(keyLog.stream().map(l -> l.split(" ", 2)[0]).toList().containsAll(List.of(
                    "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
                    "SERVER_TRAFFIC_SECRET_0")), "the TLS 1.3 traffic secrets are in the key log");
        }
        for (String line : keyLog) {
            assertFalse(text.contains(line.split(" ")[2]), "a secret in netstep run's output");
        }
        // without secrets the encrypted TLS 1.3 handshake stays closed: the client waits for EncryptedExtensions
        assertEquals(secrets ? "CONNECTED" : "WAIT_EE", conn.tlsClientState());
        List<Tshark.Mqtt> tshark = Tshark.mqtt(pcapng, TLS_PORT);
        List<Tshark.Mqtt> netstep = asTshark(fromSession.mqttPackets());
        if (!secrets) {
            assertTrue(tls13, "the firmware exports TLS 1.2 secrets with any library");
            // a libwolfssl without HAVE_SECRET_CALLBACK: neither decoder can see inside; NetStep
            // shows the handshake up to ServerHello, opaque records, and says why
            assertEquals(List.of(), tshark, "tshark cannot decrypt without secrets either");
            assertEquals(List.of(), netstep);
            assertFalse(fromSession.events(Layer.TLS_APPDATA).isEmpty());
            assertTrue(fromSession.events(Layer.TLS_PROBLEM).stream().anyMatch(p -> "NO_KEYS".equals(p.attr("kind"))),
                    "NetStep says why it cannot decrypt");
            String why = variant + " ran TLS 1.3 against a libwolfssl without HAVE_SECRET_CALLBACK, so no secrets "
                    + "reached the key log and the MQTT comparison with tshark cannot run: build it with "
                    + "native/third_party/wolfssl-keylog.sh, then cmake -S native -B native/build again (test.sh does both)";
            if (inCi()) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        // the firmware's exchange, as the reference firmware makes it
        List<String> c2s = netstep.stream().filter(m -> m.dir().equals("c2s")).map(Tshark.Mqtt::type).toList();
        assertEquals(List.of("CONNECT", "SUBSCRIBE", "PUBLISH", "PUBACK", "DISCONNECT"), c2s, netstep.toString());
        ProtocolEvent publish = fromSession.mqttPackets().stream()
                .filter(e -> e.dir() == Dir.C2S && e.type().equals("PUBLISH")).findFirst().orElseThrow();
        assertEquals(topic, publish.attr("topic"));
        assertEquals(HexFormat.of().formatHex(message.getBytes(StandardCharsets.UTF_8)), publish.attr("payload_hex"));

        // 1. exactly tshark's lists, per direction, in stream order
        assertEquals(byDir(tshark, "c2s"), byDir(netstep, "c2s"));
        assertEquals(byDir(tshark, "s2c"), byDir(netstep, "s2c"));
        // 2. the pcapng decodes to the same MQTT as the session file, per direction: the session
        // places a packet to the firmware when the firmware read it, the capture when it arrived,
        // so a PUBACK each way may swap places between the two
        List<Tshark.Mqtt> wireMqtt = asTshark(fromPcapng.mqttPackets());
        assertEquals(byDir(netstep, "c2s"), byDir(wireMqtt, "c2s"));
        assertEquals(byDir(netstep, "s2c"), byDir(wireMqtt, "s2c"));

        // 3. followed live (records held back until the key log line arrives), the same MQTT
        SessionFile.Loaded loaded = SessionFile.load(session);
        EventLog log = new EventLog(() -> 0L);
        KeyLog keys = new KeyLog();
        try (Analysis live = Analysis.live(log, keys)) {
            int k = 0;
            for (LogEntry e : loaded.entries()) {
                if (e.event() instanceof SessionEvent.KeyLogLine) {
                    keys.add(loaded.keyLog().lines().get(k++)); // the session adds the line, then logs it
                }
                log.append(e.event());
            }
            live.finish();
            assertEquals(netstep, asTshark(live.mqttPackets()));
            // per direction: a record held for its key comes later in the timeline, never out of its stream's order
            for (Dir d : new Dir[] {Dir.C2S, Dir.S2C}) {
                assertEquals(fromSession.events(Layer.TLS_HANDSHAKE).stream().filter(e -> e.dir() == d)
                        .map(ProtocolEvent::type).toList(), live.events(Layer.TLS_HANDSHAKE).stream()
                        .filter(e -> e.dir() == d).map(ProtocolEvent::type).toList());
            }
        }

        // 4. links: MQTT → TLS application data → TLS records → chip Data + SPI frames of the buffer
        int rx = Registers.rxBlock(conn.socket());
        int tx = Registers.txBlock(conn.socket());
        for (ProtocolEvent m : fromSession.mqttPackets()) {
            List<ProtocolEvent> app = m.carriedBy();
            assertFalse(app.isEmpty(), m.toString());
            for (ProtocolEvent a : app) {
                assertEquals(Layer.TLS_APPDATA, a.layer());
                List<ProtocolEvent> records = a.carriedBy();
                assertFalse(records.isEmpty());
                for (ProtocolEvent r : records) {
                    assertEquals(Layer.TLS_RECORD, r.layer());
                    assertTrue(r.carriedBy().stream().anyMatch(d -> d.layer() == Layer.SOCKET
                            && d.type().equals(m.dir() == Dir.C2S ? "Data tx" : "Data rx")), r.toString());
                    int block = m.dir() == Dir.C2S ? tx : rx;
                    assertTrue(r.chipTransfers().stream().anyMatch(s -> s.layer() == Layer.SPI
                            && ((Number) s.attributes().get("block")).intValue() == block
                            && s.attributes().get("write").equals(m.dir() == Dir.C2S)), "SPI frames of " + r);
                    assertTrue(r.chipTransfers().stream().anyMatch(s -> s.type().equals(
                            m.dir() == Dir.C2S ? "Sn_CR SEND" : "Sn_CR RECV")), "SEND/RECV of " + r);
                }
            }
            List<ProtocolEvent> below = m.allBelow();
            assertTrue(below.stream().anyMatch(e -> e.layer() == Layer.SPI), m.toString());
            assertFalse(m.attributes().containsKey("read_by_firmware"), "the firmware read every MQTT packet: " + m);
            if (m.dir() == Dir.S2C) {
                // read off the chip after it arrived there, and shown in the timeline when read
                assertTrue(m.arrivedNanos() >= 0 && m.chipTransferNanos() >= m.arrivedNanos(), m.toString());
                assertEquals(m.chipTransferNanos(), m.virtualNanos(), m.toString());
            }
        }

        // 5. netstep decode --format jsonl: one JSON object a line, MQTT and TLS as issue 4 part 7 says
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String l : cli(List.of("decode", session.toString(), "--format", "jsonl")).lines().toList()) {
            lines.add(Json.object(l));
        }
        List<Map<String, Object>> mqtt = lines.stream().filter(l -> "mqtt".equals(l.get("layer"))
                && !"Violation".equals(l.get("type"))).toList();
        assertEquals(netstep.size(), mqtt.size());
        for (int i = 0; i < mqtt.size(); i++) {
            Map<String, Object> l = mqtt.get(i);
            ProtocolEvent e = fromSession.mqttPackets().get(i);
            assertEquals(e.dir().shortName(), l.get("dir"));
            assertEquals(e.type(), l.get("type"));
            switch (e.type()) {
                case "CONNECT" -> assertEquals(clientId, l.get("client_id"));
                case "CONNACK" -> assertEquals(0L, l.get("return_code"));
                case "PUBLISH" -> {
                    assertEquals(topic, l.get("topic"));
                    assertNotNull(l.get("payload_hex"));
                    assertEquals(1L, l.get("qos"));
                    assertTrue(l.get("packet_id") instanceof Long, l.toString());
                }
                case "PUBACK", "SUBSCRIBE", "SUBACK" -> assertTrue(l.get("packet_id") instanceof Long, l.toString());
                default -> { }
            }
        }
        Map<String, Object> hello = lines.stream().filter(l -> "tls".equals(l.get("layer"))
                && "ClientHello".equals(l.get("type"))).findFirst().orElseThrow();
        assertEquals("c2s", hello.get("dir"));
        assertEquals(BROKER, hello.get("sni"));
        assertTrue(((List<?>) hello.get("cipher_suites")).contains(sh.attr("cipher_suite")), hello.toString());
        assertNotNull(hello.get("version"));
        Map<String, Object> server = lines.stream().filter(l -> "tls".equals(l.get("layer"))
                && "ServerHello".equals(l.get("type"))).findFirst().orElseThrow();
        assertEquals(sh.attr("cipher_suite"), server.get("cipher_suite"));
        assertEquals("s2c", server.get("dir"));
        assertFalse(lines.toString().contains("CLIENT_RANDOM"), "no secrets in the output");
        for (String line : keyLog) {
            assertFalse(lines.toString().contains(line.split(" ")[2]), "a secret in netstep decode's output");
        }
    }

    /** Whether this runs in CI, where every native prerequisite is built ({@code CI} set, not "false"). */
    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** tshark's supported_versions of the ServerHello ("0x0304" for TLS 1.3), or null when it has none. */
    private static String serverHelloSupportedVersion(Path pcapng) throws Exception {
        org.w3c.dom.NodeList fields = Tshark.pdml(pcapng, TLS_PORT, "tls.handshake.type == 2")
                .getElementsByTagName("field");
        String version = null;
        for (int i = 0; i < fields.getLength(); i++) {
            org.w3c.dom.Element f = (org.w3c.dom.Element) fields.item(i);
            if (f.getAttribute("name").equals("tls.handshake.extensions.supported_version")) {
                assertEquals(null, version, "one supported_version in the ServerHello");
                version = String.format("0x%04x", Integer.parseInt(f.getAttribute("value"), 16));
            }
        }
        return version;
    }

    private static List<Tshark.Mqtt> byDir(List<Tshark.Mqtt> all, String dir) {
        return all.stream().filter(m -> m.dir().equals(dir)).toList();
    }

    private static List<Tshark.Mqtt> asTshark(List<ProtocolEvent> packets) {
        List<Tshark.Mqtt> out = new ArrayList<>();
        for (ProtocolEvent e : packets) {
            // tshark's mqtt.topic is also the Topic Filter of a SUBSCRIBE / UNSUBSCRIBE
            Object filters = e.attributes().get("topic_filters");
            String topic = filters instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                    : e.attr("topic");
            out.add(new Tshark.Mqtt(e.dir().shortName(), e.type(), topic,
                    e.type().equals("PUBLISH") ? e.attr("payload_hex") : null, e.attr("packet_id")));
        }
        return out;
    }

    private static ProtocolEvent only(List<ProtocolEvent> events, String type) {
        List<ProtocolEvent> m = events.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, m.size(), type + " in " + events);
        return m.get(0);
    }

    private static String cli(List<String> args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBuf, true, StandardCharsets.UTF_8);
        int status = Main.run(args, out, err);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + errBuf.toString(StandardCharsets.UTF_8));
        return text;
    }
}
