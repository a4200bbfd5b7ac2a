package io.netstep.session.analysis;

import io.netstep.mqtt.MqttField;
import io.netstep.mqtt.MqttListener;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttViolation;
import io.netstep.tls.AlertMessage;
import io.netstep.tls.ApplicationData;
import io.netstep.tls.ByteRange;
import io.netstep.tls.ByteSpace;
import io.netstep.tls.Field;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.PlaintextStream;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import io.netstep.tls.TlsRecord;
import io.netstep.tls.names.TlsNames;
import io.netstep.w5500.ChipEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoding of one connection: feeds the TLS decoder (or, without TLS, the MQTT decoder)
 * with each direction's bytes as the firmware has them, turns what they find into
 * {@link ProtocolEvent}s and links them to the chip events that moved their bytes.
 */
final class StreamDecoding {

    private final Engine engine;
    private final Connection conn;
    private final boolean firmwareIsClient;
    private final Flow flow = new Flow();
    private ProtocolEvent lastSend;

    StreamDecoding(Engine engine, Connection conn, boolean firmwareIsClient) {
        this.engine = engine;
        this.conn = conn;
        this.firmwareIsClient = firmwareIsClient;
        conn.tls.setListener(this::onTls);
        for (Dir d : new Dir[] {Dir.C2S, Dir.S2C}) {
            conn.mqtt.decoder(d.mqtt()).addListener(new MqttListener() {
                @Override
                public void packet(MqttPacket packet) {
                    onMqtt(packet);
                }

                @Override
                public void streamProblem(io.netstep.mqtt.Direction direction, MqttViolation v) {
                    onMqttProblem(Dir.of(direction), v);
                }
            });
        }
    }

    /** The direction of bytes the chip sends ({@code fromChip}) or receives. */
    Dir outDir(boolean fromChip) {
        return fromChip == firmwareIsClient ? Dir.C2S : Dir.S2C;
    }

    boolean ended() {
        return flow.ended;
    }

    // ---- chip side ----

    /** Bytes the firmware gives arrive as chip Data tx; bytes for it as Data rx (decoded when read). */
    void data(ChipEvent.Data d, ProtocolEvent pe) {
        Dir dir = outDir(d.tx());
        Flow.Side side = flow.side(dir);
        long start = side.size;
        byte[] b = d.bytes();
        side.append(b);
        side.net.add(new Flow.Piece(start, b.length, pe));
        if (d.tx()) {
            conn.countC2s(b.length);
            if (lastSend != null) {
                side.chip.add(new Flow.Piece(start, b.length, lastSend));
                lastSend = null;
            }
            for (Flow.Piece p : side.chip) {
                if (p.overlaps(start, start + b.length) && p.event().layer() == Layer.SPI) {
                    pe.linkChip(p.event());
                }
            }
            feed(dir, start, side.size);
        } else {
            conn.countS2cArrived(b.length);
        }
    }

    /** A frame of the socket's TX buffer (write) or RX buffer (read); {@code tx} says which. */
    void spi(ChipEvent.SpiFrame f, ProtocolEvent pe, boolean tx) {
        byte[] data = f.data();
        if (data.length == 0 || tx != f.write()) {
            return; // reading back the TX buffer or writing the RX buffer moves no stream bytes
        }
        Dir dir = outDir(tx);
        Flow.Side side = flow.side(dir);
        if (tx) {
            long pos = side.position(f.offset(), side.size);
            side.mapped(f.offset(), data.length, pos);
            side.chip.add(new Flow.Piece(pos, data.length, pe));
            return;
        }
        long pos = side.position(f.offset(), side.fed);
        if (!side.matches(pos, data)) {
            if (side.matches(side.fed, data)) {
                pos = side.fed;
            } else {
                if (!side.mismatchReported) {
                    side.mismatchReported = true;
                    engine.problem("connection " + conn.id() + ": a read of the S" + conn.socket()
                            + " RX buffer at 0x" + Integer.toHexString(f.offset())
                            + " does not match the received stream; such reads are not linked");
                }
                return;
            }
        }
        side.mapped(f.offset(), data.length, pos);
        side.chip.add(new Flow.Piece(pos, data.length, pe));
        for (ProtocolEvent d : Flow.overlapping(side.net, pos, pos + data.length)) {
            d.linkChip(pe);
            d.times(-1, pe.virtualNanos());
        }
        long end = pos + data.length;
        if (end > side.fed) {
            conn.countS2cRead((int) (end - side.fed));
            feed(dir, side.fed, end);
        }
    }

    /** A captured segment: no chip, so the bytes are decoded as they were captured. */
    void captured(Dir dir, byte[] b, ProtocolEvent pe) {
        Flow.Side side = flow.side(dir);
        long start = side.size;
        side.append(b);
        side.net.add(new Flow.Piece(start, b.length, pe));
        if (dir == Dir.C2S) {
            conn.countC2s(b.length);
        } else {
            conn.countS2cArrived(b.length);
            conn.countS2cRead(b.length);
        }
        feed(dir, start, side.size);
    }

    void sendCommand(ProtocolEvent pe) {
        lastSend = pe;
    }

    /** Sn_CR RECV: the firmware is done with the bytes read since the last RECV. */
    void recvCommand(ProtocolEvent pe) {
        Flow.Side side = flow.side(outDir(false));
        long from = side.recvFrom;
        long to = side.fed;
        side.recvFrom = to;
        if (to <= from) {
            return;
        }
        side.chip.add(new Flow.Piece(from, to - from, pe));
        for (ProtocolEvent e : Flow.overlapping(side.decodedLowest, from, to)) {
            e.linkChip(pe);
        }
    }

    /** The connection ended: decode what arrived but was never read, then end both directions. */
    void end() {
        if (flow.ended) {
            return;
        }
        Dir in = outDir(false);
        Flow.Side side = flow.side(in);
        if (side.size > side.fed) {
            flow.flushing = true;
            feed(in, side.fed, side.size);
        }
        if (Boolean.TRUE.equals(flow.tls)) {
            conn.tls.finish();
            // The plaintext the TLS decoder released at the end still goes to MQTT via onTls.
        }
        for (Dir d : new Dir[] {Dir.C2S, Dir.S2C}) {
            conn.mqtt.decoder(d.mqtt()).endOfStream();
        }
        flow.ended = true;
    }

    private void feed(Dir dir, long from, long to) {
        Flow.Side side = flow.side(dir);
        byte[] bytes = side.read(from, to);
        side.fed = Math.max(side.fed, to);
        if (bytes.length == 0) {
            return;
        }
        if (flow.tls == null) {
            int b0 = bytes[0] & 0xFF;
            flow.tls = (b0 >= 20 && b0 <= 24) && (bytes.length < 2 || bytes[1] == 3);
        }
        if (flow.tls) {
            conn.tls.feed(dir.tls(), bytes, 0, bytes.length);
        } else {
            conn.mqtt.decoder(dir.mqtt()).feed(bytes, 0, bytes.length, from);
        }
    }

    // ---- decoded events ----

    private Map<String, Object> baseAttrs() {
        Map<String, Object> a = new LinkedHashMap<>();
        if (flow.flushing) {
            a.put("read_by_firmware", false);
        }
        return a;
    }

    /** Virtual time the firmware had the bytes: s2c the last SPI read, c2s the chip's send. */
    private long when(List<ProtocolEvent> net, List<ProtocolEvent> chip, Dir dir) {
        long t = -1;
        if (dir == outDir(false)) {
            for (ProtocolEvent c : chip) {
                if (c.layer() == Layer.SPI) {
                    t = Math.max(t, c.virtualNanos());
                }
            }
        }
        if (t < 0) {
            t = Flow.latest(net);
        }
        if (t < 0 && engine.current() != null) {
            t = engine.current().virtualNanos();
        }
        return t;
    }

    private long wall(List<ProtocolEvent> lower) {
        long w = -1;
        for (ProtocolEvent e : lower) {
            w = Math.max(w, e.wallMillis());
        }
        if (w < 0 && engine.current() != null) {
            w = engine.current().wallMillis();
        }
        return w;
    }

    private void onTls(TlsEvent e) {
        Dir dir = Dir.of(e.direction());
        Flow.Side side = flow.side(dir);
        Map<String, Object> a = baseAttrs();
        if (e instanceof TlsRecord r) {
            long from = r.wireOffset();
            long to = from + 5 + r.length();
            List<ProtocolEvent> net = Flow.overlapping(side.net, from, to);
            List<ProtocolEvent> chip = Flow.overlapping(side.chip, from, to);
            tlsLayer(r, a);
            ProtocolEvent pe = engine.add(null, Layer.TLS_RECORD, dir, "Record", undirected(r.summary()), when(net, chip, dir),
                    wall(net), conn, a, convert(r.fields()), side.read(from, to), from, r);
            for (ProtocolEvent n : net) {
                pe.linkCarrier(n);
            }
            for (ProtocolEvent c : chip) {
                pe.linkChip(c);
            }
            pe.times(Flow.latest(net), latestSpi(chip));
            side.records.put(from, pe);
            side.decodedLowest.add(new Flow.Piece(from, to - from, pe));
            return;
        }
        List<ProtocolEvent> records = carryingRecords(e, side, dir);
        Layer layer = tlsLayer(e, a);
        byte[] bytes = e instanceof ApplicationData ad && ad.isDecrypted() && ad.plaintext() != null ? ad.plaintext()
                : new byte[0];
        a.put("client_state", e.clientState());
        a.put("server_state", e.serverState());
        long t = -1;
        long w = wall(records);
        for (ProtocolEvent r : records) {
            t = Math.max(t, r.virtualNanos());
        }
        if (t < 0) {
            t = engine.current() == null ? 0 : engine.current().virtualNanos();
        }
        long streamOffset = e instanceof ApplicationData ad ? ad.streamOffset() : e.fields().offset();
        ProtocolEvent pe = engine.add(null, layer, dir, e.type(), undirected(e.summary()), t, w, conn, a, convert(e.fields()),
                bytes, streamOffset, e);
        for (ProtocolEvent r : records) {
            pe.linkCarrier(r);
            pe.times(r.arrivedNanos(), r.chipTransferNanos());
        }
        if (e instanceof ApplicationData ad && ad.isDecrypted() && bytes.length > 0) {
            side.appData.add(new Flow.Piece(ad.streamOffset(), bytes.length, pe));
            conn.mqtt.decoder(dir.mqtt()).feed(bytes, 0, bytes.length, ad.streamOffset());
        }
    }

    /** The TLS decoder's summary without its leading "c2s "/"s2c " (the timeline shows the direction). */
    static String undirected(String summary) {
        return summary.startsWith("c2s ") || summary.startsWith("s2c ") ? summary.substring(4) : summary;
    }

    /** The layer of a TLS event other than a record, and its attributes. */
    static Layer tlsLayer(TlsEvent e, Map<String, Object> a) {
        if (e instanceof TlsRecord r) {
            a.put("content_type", r.contentTypeName());
            a.put("version", TlsNames.VERSIONS.name(r.version()));
            a.put("length", r.length());
            a.put("protected", r.isProtected());
            return Layer.TLS_RECORD;
        }
        if (e instanceof HandshakeMessage h) {
            handshakeAttrs(h, a);
            return Layer.TLS_HANDSHAKE;
        }
        if (e instanceof AlertMessage al) {
            a.put("level", al.levelName());
            a.put("description", al.descriptionName());
            a.put("decrypted", al.wasDecrypted());
            return Layer.TLS_ALERT;
        }
        if (e instanceof ApplicationData ad) {
            a.put("length", ad.length());
            a.put("decrypted", ad.isDecrypted());
            return Layer.TLS_APPDATA;
        }
        if (e instanceof TlsProblem p) {
            a.put("kind", p.kind().name());
            a.put("message", p.message());
            a.put("direction_stopped", p.directionStopped());
            return Layer.TLS_PROBLEM;
        }
        return Layer.TLS_HANDSHAKE; // ChangeCipherSpec, Heartbeat
    }

    private static long latestSpi(List<ProtocolEvent> chip) {
        long t = -1;
        for (ProtocolEvent c : chip) {
            if (c.layer() == Layer.SPI) {
                t = Math.max(t, c.virtualNanos());
            }
        }
        return t;
    }

    private List<ProtocolEvent> carryingRecords(TlsEvent e, Flow.Side side, Dir dir) {
        List<ProtocolEvent> out = new ArrayList<>();
        if (e instanceof ApplicationData ad) {
            addIfPresent(out, side.records.get(ad.recordWireOffset()));
        } else if (e instanceof TlsProblem p && p.wireOffset() >= 0) {
            var r = side.records.floorEntry(p.wireOffset());
            if (r != null) {
                addIfPresent(out, r.getValue());
            }
        } else if (e.fields() != null) {
            PlaintextStream dec = conn.tls.decryptedStream(dir.tls());
            for (ByteRange range : e.fields().ranges()) {
                if (range.space() == ByteSpace.WIRE) {
                    var from = side.records.floorKey(range.offset());
                    if (from == null) {
                        continue;
                    }
                    for (ProtocolEvent r : side.records.subMap(from, true, range.offset() + range.length(), false)
                            .values()) {
                        addIfPresent(out, r);
                    }
                } else {
                    for (long o = range.offset(); o < range.offset() + Math.max(1, range.length()); ) {
                        PlaintextStream.Segment s = dec.segmentAt(o);
                        if (s == null) {
                            break;
                        }
                        addIfPresent(out, side.records.get(s.recordWireOffset()));
                        o = s.streamOffset() + s.length();
                    }
                }
            }
        }
        if (out.isEmpty() && !side.records.isEmpty()) {
            out.add(side.records.lastEntry().getValue());
        }
        return out;
    }

    private static void addIfPresent(List<ProtocolEvent> out, ProtocolEvent e) {
        if (e != null && !out.contains(e)) {
            out.add(e);
        }
    }

    private static void handshakeAttrs(HandshakeMessage h, Map<String, Object> a) {
        a.put("decrypted", h.wasDecrypted());
        if (h.clientHello() != null) {
            var ch = h.clientHello();
            if (ch.sni() != null) {
                a.put("sni", ch.sni());
            }
            a.put("cipher_suites", List.copyOf(ch.cipherSuiteNames()));
            a.put("version", ch.offersTls13() ? "TLS 1.3" : TlsNames.VERSIONS.name(ch.legacyVersion()));
        }
        if (h.serverHello() != null) {
            var sh = h.serverHello();
            a.put("cipher_suite", sh.cipherSuiteName());
            a.put("version", TlsNames.VERSIONS.name(sh.negotiatedVersion()));
            if (sh.helloRetryRequest()) {
                a.put("hello_retry_request", true);
            }
        }
    }

    void onMqtt(MqttPacket p) {
        Dir dir = Dir.of(p.direction());
        Flow.Side side = flow.side(dir);
        long from = p.streamOffset();
        long to = from + p.length();
        List<ProtocolEvent> carriers;
        List<ProtocolEvent> chip = List.of();
        if (Boolean.TRUE.equals(flow.tls)) {
            carriers = Flow.overlapping(side.appData, from, to);
        } else {
            carriers = Flow.overlapping(side.net, from, to);
            chip = Flow.overlapping(side.chip, from, to);
        }
        Map<String, Object> a = baseAttrs();
        mqttAttrs(p, a);
        long t = Boolean.TRUE.equals(flow.tls) ? Flow.latest(carriers) : when(carriers, chip, dir);
        if (t < 0) {
            t = engine.current() == null ? 0 : engine.current().virtualNanos();
        }
        ProtocolEvent pe = engine.add(null, Layer.MQTT, dir, p.type().name(), summary(p), t, wall(carriers), conn, a,
                convert(p), p.bytes(), from, p);
        for (ProtocolEvent c : carriers) {
            pe.linkCarrier(c);
            pe.times(c.arrivedNanos() >= 0 ? c.arrivedNanos() : c.virtualNanos(), c.chipTransferNanos());
        }
        for (ProtocolEvent c : chip) {
            pe.linkChip(c);
        }
        if (!Boolean.TRUE.equals(flow.tls)) {
            pe.times(-1, latestSpi(chip));
            side.decodedLowest.add(new Flow.Piece(from, to - from, pe));
        }
    }

    /** The attributes of an MQTT packet, by the names of the JSON lines. */
    static void mqttAttrs(MqttPacket p, Map<String, Object> a) {
        a.put("protocol_level", p.protocolLevel());
        if (p.clientId() != null) {
            a.put("client_id", p.clientId());
        }
        if (p.keepAlive() >= 0) {
            a.put("keep_alive", p.keepAlive());
        }
        if (p.topic() != null) {
            a.put("topic", p.topic());
        }
        if (p.packetId() >= 0) {
            a.put("packet_id", p.packetId());
        }
        if (p.qos() >= 0) {
            a.put("qos", p.qos());
        }
        if (p.type() == io.netstep.mqtt.MqttPacketType.PUBLISH) {
            a.put("retain", p.retain());
            a.put("dup", p.dup());
        }
        if (p.returnCode() != null) {
            a.put("return_code", p.returnCode());
        }
        if (p.reasonCode() != null) {
            a.put("reason_code", p.reasonCode());
        }
        if (!p.topicFilters().isEmpty()) {
            a.put("topic_filters", List.copyOf(p.topicFilters()));
        }
        if (!p.returnCodes().isEmpty()) {
            a.put("return_codes", p.returnCodes().stream().map(String::valueOf).toList());
        }
        if (p.payload() != null) {
            a.put("payload_hex", Describe.hex(p.payload()));
        }
        if (!p.violations().isEmpty()) {
            a.put("violations", p.violations().stream().map(v -> v.ruleLabel() + ": " + v.message()).toList());
        }
    }

    private void onMqttProblem(Dir dir, MqttViolation v) {
        Map<String, Object> a = baseAttrs();
        a.put("rule", v.ruleLabel());
        a.put("message", v.message());
        long t = engine.current() == null ? 0 : engine.current().virtualNanos();
        long w = engine.current() == null ? 0 : engine.current().wallMillis();
        engine.add(null, Layer.MQTT_PROBLEM, dir, "Violation", v.ruleLabel() + ": " + v.message(), t, w, conn, a,
                new FieldNode("Violation", v.message(), List.of()), null, v.streamOffset(), v);
    }

    static String summary(MqttPacket p) {
        StringBuilder s = new StringBuilder(p.type().name());
        if (p.clientId() != null) {
            s.append(" client_id=").append(p.clientId());
        }
        if (p.topic() != null) {
            s.append(" topic=").append(p.topic());
        }
        if (p.qos() > 0) {
            s.append(" qos=").append(p.qos());
        }
        if (p.packetId() >= 0) {
            s.append(" id=").append(p.packetId());
        }
        if (p.returnCode() != null) {
            s.append(" return_code=").append(p.returnCode());
        }
        if (p.reasonCode() != null) {
            s.append(" reason_code=").append(p.reasonCode());
        }
        if (!p.topicFilters().isEmpty()) {
            s.append(" filters=").append(p.topicFilters());
        }
        if (p.payload() != null) {
            s.append(" (").append(p.payload().length).append(" bytes payload)");
        }
        if (!p.violations().isEmpty()) {
            s.append(" VIOLATES ").append(p.violations().get(0).ruleLabel());
        }
        return s.toString();
    }

    // ---- field trees ----

    static FieldNode convert(Field f) {
        if (f == null) {
            return new FieldNode("(none)", "", List.of());
        }
        List<FieldNode.Range> ranges = new ArrayList<>();
        for (ByteRange r : f.ranges()) {
            ranges.add(new FieldNode.Range(r.space() == ByteSpace.WIRE ? FieldNode.Space.WIRE : FieldNode.Space.DECRYPTED,
                    r.offset(), r.length()));
        }
        FieldNode n = new FieldNode(f.name(), f.value(), ranges);
        for (Field c : f.children()) {
            n.add(convert(c));
        }
        return n;
    }

    static FieldNode convert(MqttPacket p) {
        FieldNode root = new FieldNode(p.type().name(), "", List.of(new FieldNode.Range(FieldNode.Space.EVENT, 0, p.length())));
        for (MqttField f : p.fields()) {
            root.add(convert(f));
        }
        return root;
    }

    private static FieldNode convert(MqttField f) {
        FieldNode n = new FieldNode(f.name(), f.displayValue(),
                List.of(new FieldNode.Range(FieldNode.Space.EVENT, f.offset(), f.length())));
        for (MqttField c : f.children()) {
            n.add(convert(c));
        }
        return n;
    }
}
