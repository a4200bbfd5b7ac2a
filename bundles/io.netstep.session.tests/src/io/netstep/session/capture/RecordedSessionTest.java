package io.netstep.session.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.cli.Main;
import io.netstep.testing.Checkout;
import io.netstep.testing.MosquittoBroker;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real session of the reference firmware (C shim → bridge → chip → virtual network → real
 * mosquitto with TLS), run through {@code netstep run --record --save-session --export-pcapng}:
 * the session file reloads to the same events, re-exports to the same pcapng, and the
 * pcapng is what real tshark decrypts and decodes to the MQTT exchange the firmware made, and
 * NetStep decodes the same packets from it; the capture reader gets the chip's own bytes back.
 * <p>
 * wolfSSL TLS 1.3 needs the firmware linked against a libwolfssl with HAVE_SECRET_CALLBACK
 * (native/third_party/wolfssl-keylog.sh, run by test.sh): without it no secrets reach the key
 * log, which fails the case in CI (environment variable {@code CI} set and not "false") and
 * is reported as skipped, with the reason, elsewhere.
 */
class RecordedSessionTest {

    private static final String BROKER = "broker.netstep.test";
    private static final int TLS_PORT = 8883;

    @TempDir
    static Path dir;
    private static MosquittoBroker mosquitto;

    @BeforeAll
    static void start() throws Exception {
        Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        Tools.tshark();
        mosquitto = MosquittoBroker.tls(TestPki.generate(), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** One MQTT control packet as tshark decoded it. */
    private record Mqtt(boolean fromChip, int type, String topic, String payloadHex, String packetId, String clientId) { }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"netstep-fw-mbedtls,''", "netstep-fw-wolfssl,--tls12", "netstep-fw-wolfssl,''"})
    void sessionReloadsAndItsPcapngDecodesInTshark(String variant, String extra) throws Exception {
        Path firmware = Checkout.nativeExecutable("firmware/" + variant);
        String tag = variant + (extra.isEmpty() ? "" : extra.replace("-", "_"));
        String clientId = "cap-" + tag;
        String topic = "netstep/capture/" + tag;
        String message = "captured " + tag + " " + "x".repeat(600);   // the firmware's MQTT buffer is 1 KB
        Path record = dir.resolve(tag + ".jsonl");
        Path session = dir.resolve(tag + ".session");
        Path pcapng = dir.resolve(tag + ".pcapng");
        List<String> args = new ArrayList<>(List.of("run", "--map", BROKER + "=" + mosquitto.endpoint(),
                "--timeout", "120", "--record", record.toString(), "--save-session", session.toString(),
                "--export-pcapng", pcapng.toString(), "--", firmware.toString(), "--dhcp", "--broker", BROKER,
                "--ca", dir.resolve("ca.pem").toString(), "--client-id", clientId, "--topic", topic,
                "--message", message, "--wait-message", "20"));
        if (!extra.isEmpty()) {
            args.add(extra);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int status = Main.run(args, ps, ps);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("pcapng written to " + pcapng), text);

        // 1. the session file reloads to the very same events as the live log recorded
        SessionFile.Loaded loaded = SessionFile.load(session);
        assertEquals(List.of(), loaded.problems());
        List<String> live = Files.readAllLines(record);
        assertEquals(live.size(), loaded.entries().size());
        for (int i = 0; i < live.size(); i++) {
            assertEquals(live.get(i), LogEntryCodec.encode(loaded.entries().get(i)), "entry " + (i + 1));
        }
        long keyLines = loaded.entries().stream().filter(e -> e.event() instanceof SessionEvent.KeyLogLine).count();
        assertEquals(keyLines, loaded.keyLog().size(), "every key log line the firmware handed over is in the file");
        for (String label : List.of("CLIENT_RANDOM", "TRAFFIC_SECRET")) {
            assertFalse(Files.readString(record).contains(label), "--record never holds secrets");
            assertFalse(loaded.toString().contains(label));
        }

        // 2. exporting the reloaded session gives the same pcapng byte for byte
        Path again = dir.resolve(tag + "-reloaded.pcapng");
        PcapngWriter.write(loaded.entries(), loaded.keyLog().lines(), again);
        assertEquals(-1, Files.mismatch(pcapng, again), "export of the reloaded session differs");

        // 3. tshark: nothing malformed, no bad checksum, no expert warning; the TLS handshake is there
        assertEquals(List.of(), Tools.tshark(pcapng, TLS_PORT, "-Y", Tools.BAD));
        assertFalse(Tools.tshark(pcapng, TLS_PORT, "-Y", "tls.handshake.type == 1 && tcp.dstport == 8883").isEmpty());
        assertFalse(Tools.tshark(pcapng, TLS_PORT, "-Y", "tls.handshake.type == 2").isEmpty());
        // the version the ServerHello negotiated: TLS 1.3 only by supported_versions (RFC 8446 4.2.1)
        boolean tls13 = variant.contains("wolfssl") && extra.isEmpty();
        assertEquals(tls13 ? List.of("0x0304") : List.of(), Tools.tshark(pcapng, TLS_PORT, "-Y",
                "tls.handshake.type == 2", "-T", "fields", "-e", "tls.handshake.extensions.supported_version")
                .stream().filter(l -> !l.isBlank()).toList(), "ServerHello supported_versions");
        assertEquals(4, Tools.tshark(pcapng, TLS_PORT, "-Y", "dhcp").size(), "DISCOVER, OFFER, REQUEST, ACK");
        assertTrue(Tools.tshark(pcapng, TLS_PORT, "-Y", "dns.qry.name == \"" + BROKER + "\" && dns.flags.response == 1")
                .size() >= 1);

        // 4. the capture reader gets the chip's bytes back, and the key log
        Capture c = CaptureReader.read(pcapng);
        assertEquals(List.of(), c.problems());
        assertEquals(loaded.keyLog().lines(), c.keyLog());
        assertEquals(1, c.connections().size(), c.toString());
        Capture.TcpConnection conn = c.connections().get(0);
        assertEquals(TLS_PORT, conn.server().port());
        assertTrue(conn.handshakeSeen());
        // how the connection ended, as the chip's states tell it (the broker may reset a socket the
        // firmware is still closing: then there is no FIN from the chip, but a RST from the broker)
        boolean chipFin = loaded.entries().stream().anyMatch(e -> e.event() instanceof ChipEvent.StateChange s
                && (s.to() == Registers.SOCK_FIN_WAIT || s.to() == Registers.SOCK_LAST_ACK));
        boolean peerRst = loaded.entries().stream().anyMatch(e -> e.event() instanceof ChipEvent.StateChange s
                && s.to() == Registers.SOCK_CLOSED && s.cause().startsWith("RST"));
        assertTrue(chipFin || peerRst, "the connection was closed");
        assertEquals(chipFin ? "FIN" : null, conn.clientClose());
        if (peerRst) {
            assertEquals("RST", conn.serverClose());
        }
        assertArrayEquals(chipBytes(loaded.entries(), true), conn.bytes(true), "chip → broker stream");
        assertArrayEquals(chipBytes(loaded.entries(), false), conn.bytes(false), "broker → chip stream");
        long udp = loaded.entries().stream().filter(e -> e.event() instanceof ChipEvent.Data d && udpSocket(loaded.entries(), e, d))
                .count();
        assertEquals(udp, c.datagrams().size(), "one datagram per UDP Data event (DHCP, DNS)");

        // 5. a damaged copy is caught by the very check that passed above
        byte[] bytes = Files.readAllBytes(pcapng);
        byte[] hello = chipBytes(loaded.entries(), true);
        int at = indexOf(bytes, java.util.Arrays.copyOf(hello, 32));
        assertTrue(at > 0);
        bytes[at + 20] ^= 0x01;
        Path damaged = dir.resolve(tag + "-damaged.pcapng");
        Files.write(damaged, bytes);
        assertFalse(Tools.tshark(damaged, TLS_PORT, "-Y", Tools.BAD).isEmpty(), "a flipped bit gives a bad checksum");

        // 6. decrypted with the embedded secrets: the MQTT exchange, field by field
        List<String> labels = loaded.keyLog().lines().stream().map(l -> l.split(" ", 2)[0]).toList();
        if (tls13 && labels.isEmpty()) {
            String why = variant + " ran TLS 1.3 against a libwolfssl without HAVE_SECRET_CALLBACK: no secrets, so "
                    + "the decrypted comparison cannot run; build it with native/third_party/wolfssl-keylog.sh, then "
                    + "cmake -S native -B native/build again (test.sh does both)";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        for (String line : loaded.keyLog().lines()) {
            String secret = line.split(" ")[2];
            assertFalse(text.contains(secret) || Files.readString(record).contains(secret), "a secret in the output or --record");
        }
        // labels only: the secrets themselves never go into a message
        assertTrue(labels.containsAll(tls13 ? List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0") : List.of("CLIENT_RANDOM")), labels.toString());
        List<Mqtt> mqtt = mqtt(pcapng);
        Mqtt connect = one(mqtt, true, 1);
        assertEquals(clientId, connect.clientId());
        one(mqtt, false, 2);
        Mqtt subscribe = one(mqtt, true, 8);
        assertEquals(topic, subscribe.topic());
        assertEquals(subscribe.packetId(), one(mqtt, false, 9).packetId(), "SUBACK answers the SUBSCRIBE's id");
        Mqtt publish = one(mqtt, true, 3);
        assertEquals(topic, publish.topic());
        assertEquals(HexFormat.of().formatHex(message.getBytes(StandardCharsets.UTF_8)), publish.payloadHex());
        assertEquals(publish.packetId(), one(mqtt, false, 4).packetId(), "PUBACK answers the PUBLISH's id");
        Mqtt back = one(mqtt, false, 3);      // the broker hands the firmware its own message back
        assertEquals(topic, back.topic());
        assertEquals(publish.payloadHex(), back.payloadHex());
        assertEquals(back.packetId(), one(mqtt, true, 4).packetId(), "the firmware's PUBACK");
        assertNotEquals("", publish.packetId());
        one(mqtt, true, 14);

        // 7. NetStep decrypts and decodes its own pcapng to tshark's very packets, per direction
        List<Mqtt> netstep = netstepMqtt(pcapng);
        for (boolean fromChip : new boolean[] {true, false}) {
            assertEquals(mqtt.stream().filter(m -> m.fromChip() == fromChip).toList(),
                    netstep.stream().filter(m -> m.fromChip() == fromChip).toList(), fromChip ? "to the broker" : "to the chip");
        }
    }

    private static final List<String> TYPES = List.of("RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
            "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT");

    /** NetStep's own decoding of the pcapng (its embedded secrets), in the shape of tshark's fields. */
    private static List<Mqtt> netstepMqtt(Path pcapng) throws Exception {
        List<Mqtt> out = new ArrayList<>();
        try (Analysis a = Analysis.open(pcapng, null)) {
            assertEquals(List.of(), a.problems());
            for (ProtocolEvent e : a.mqttPackets()) {
                int type = TYPES.indexOf(e.type());
                assertTrue(type > 0, e.toString());
                // tshark's mqtt.topic is also the Topic Filter of a SUBSCRIBE / UNSUBSCRIBE
                Object filters = e.attributes().get("topic_filters");
                String topic = filters instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : e.attr("topic");
                out.add(new Mqtt(e.dir() == Dir.C2S, type, topic,
                        type == 3 ? e.attr("payload_hex") : null, e.attr("packet_id"), type == 1 ? e.attr("client_id") : null));
            }
        }
        return out;
    }

    private static Mqtt one(List<Mqtt> all, boolean fromChip, int type) {
        List<Mqtt> m = all.stream().filter(x -> x.fromChip() == fromChip && x.type() == type).toList();
        assertEquals(1, m.size(), "exactly one MQTT type " + type + (fromChip ? " from" : " to") + " the chip in " + all);
        return m.get(0);
    }

    /**
     * tshark's MQTT fields, one line per frame; a frame may carry several packets, so the
     * per-packet fields are taken in order by the packet types that have them.
     */
    private static List<Mqtt> mqtt(Path pcapng) throws Exception {
        List<Mqtt> out = new ArrayList<>();
        for (String line : Tools.tshark(pcapng, TLS_PORT, "-Y", "mqtt", "-T", "fields", "-E", "separator=|",
                "-e", "tcp.dstport", "-e", "mqtt.msgtype", "-e", "mqtt.topic", "-e", "mqtt.msg", "-e", "mqtt.msgid",
                "-e", "mqtt.clientid", "-e", "mqtt.qos")) {
            String[] f = line.split("\\|", -1);
            boolean fromChip = f[0].equals(String.valueOf(TLS_PORT));
            var topics = new java.util.ArrayDeque<>(split(f[2]));
            var msgs = new java.util.ArrayDeque<>(split(f[3]));
            var ids = new java.util.ArrayDeque<>(split(f[4]));
            var clients = new java.util.ArrayDeque<>(split(f[5]));
            var qos = new java.util.ArrayDeque<>(split(f[6]));
            for (String t : split(f[1])) {
                int type = Integer.parseInt(t);
                boolean publish = type == 3;
                boolean hasId = publish ? !"0".equals(qos.poll()) : type >= 4 && type <= 11;
                out.add(new Mqtt(fromChip, type, publish || type == 8 || type == 10 ? topics.poll() : null,
                        publish ? msgs.poll() : null, hasId ? ids.poll() : null, type == 1 ? clients.poll() : null));
            }
        }
        return out;
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    /** The bytes the chip sent (or took) on its TCP connection, from its Data events. */
    private static byte[] chipBytes(List<LogEntry> log, boolean tx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LogEntry e : log) {
            if (e.event() instanceof ChipEvent.Data d && d.tx() == tx && !udpSocket(log, e, d)) {
                out.writeBytes(d.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Whether the socket of Data event {@code d} was in UDP mode at that point (its last state change). */
    private static boolean udpSocket(List<LogEntry> log, LogEntry at, ChipEvent.Data d) {
        int state = Registers.SOCK_CLOSED;
        for (LogEntry e : log) {
            if (e == at) {
                break;
            }
            if (e.event() instanceof ChipEvent.StateChange s && s.socket() == d.socket()) {
                state = s.to();
            }
        }
        return state == Registers.SOCK_UDP;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
