package io.netstep.session.analysis;

import io.netstep.serial.LogConnection;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogProblem;
import io.netstep.serial.SerialLog;
import io.netstep.serial.SerialLogDecoder;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.names.TlsNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a serial debug log (mbedTLS / wolfSSL / application prints) into the engine: the lines
 * that say something become {@link Layer#LOG} events, the TLS and MQTT that the log's hex dumps
 * decode to become the usual events, all in line order. A log has no common clock: an event's
 * {@link ProtocolEvent#virtualNanos()} is its (first) line number, and {@code line} is an attribute.
 * Links: an MQTT packet is carried by the TLS application data on the same lines, a TLS event
 * by the log lines (dumps, record headers) of its bytes.
 */
final class SerialFeeder {

    private record Item(int line, int order, Runnable action) { }

    private SerialFeeder() {
    }

    static void feed(SerialLog log, io.netstep.tls.KeyLog keys, Engine engine) {
        synchronized (engine) {
            for (LogProblem p : log.problems()) {
                engine.problem("line " + p.line() + ": " + p.message());
            }
            SerialLogDecoder.Result r = SerialLogDecoder.decode(log, keys);
            for (LogProblem p : r.problems()) {
                engine.problem("line " + p.line() + ": " + p.message());
            }
            List<Connection> conns = new ArrayList<>();
            for (LogConnection c : log.connections()) {
                Connection conn = engine.newConnection(-1, true, c.context() == null ? "firmware"
                        : "firmware (" + c.context() + ")", "peer");
                conn.countC2s(c.wire(io.netstep.mqtt.Direction.CLIENT_TO_SERVER).length());
                int in = c.wire(io.netstep.mqtt.Direction.SERVER_TO_CLIENT).length();
                conn.countS2cArrived(in);
                conn.countS2cRead(in);
                conns.add(conn);
            }
            List<Item> items = new ArrayList<>();
            int order = 0;
            Map<Integer, List<ProtocolEvent>> logByLine = new LinkedHashMap<>();
            List<ProtocolEvent> tlsEvents = new ArrayList<>();
            List<ProtocolEvent> mqttEvents = new ArrayList<>();
            Map<String, ProtocolEvent> records = new java.util.HashMap<>();
            Map<String, ProtocolEvent> lastRecord = new java.util.HashMap<>();
            for (LogEvent e : log.events()) {
                items.add(new Item(e.line(), order++, () -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("line", e.line());
                    a.put("source", e.source().name());
                    a.put("name", e.name());
                    if (e.detail() != null) {
                        a.put("detail", e.detail());
                    }
                    if (e.code() != null) {
                        a.put("code", e.code());
                    }
                    if (e.timestamp() != null) {
                        a.put("timestamp", e.timestamp());
                    }
                    Connection conn = e.connection() >= 0 && e.connection() < conns.size() ? conns.get(e.connection()) : null;
                    Dir dir = e.direction() == null ? Dir.NONE : Dir.of(e.direction());
                    ProtocolEvent pe = engine.add(null, Layer.LOG, dir, e.kind().name(), "line " + e.line() + ": "
                            + e.text(), e.line(), 0, conn, a, new FieldNode(e.kind().name(), e.text(), List.of()), null,
                            -1, e);
                    logByLine.computeIfAbsent(e.line(), k -> new ArrayList<>()).add(pe);
                }));
            }
            for (SerialLogDecoder.Tls t : r.tls()) {
                items.add(new Item(t.lastLine() >= 0 ? t.lastLine() : t.firstLine(), order++, () -> {
                    TlsEvent e = t.event();
                    Connection conn = conns.get(t.connection());
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("line", t.firstLine());
                    Layer layer = StreamDecoding.tlsLayer(e, a);
                    a.put("client_state", e.clientState());
                    a.put("server_state", e.serverState());
                    ProtocolEvent pe = engine.add(null, layer, Dir.of(e.direction()), e.type(),
                            StreamDecoding.undirected(e.summary()), Math.max(t.firstLine(), t.lastLine()), 0, conn, a,
                            StreamDecoding.convert(e.fields()), e instanceof io.netstep.tls.ApplicationData ad
                                    && ad.plaintext() != null ? ad.plaintext() : null, e.fields().offset(), e);
                    if (e instanceof io.netstep.tls.TlsRecord rec) {
                        records.put(t.connection() + pe.dir().shortName() + rec.wireOffset(), pe);
                        lastRecord.put(t.connection() + pe.dir().shortName(), pe);
                        // from the "dumping '…' (N bytes)" line just above the hex lines
                        for (int line = t.firstLine() - 1; t.firstLine() >= 0 && line <= t.lastLine(); line++) {
                            for (ProtocolEvent l : logByLine.getOrDefault(line, List.of())) {
                                pe.linkCarrier(l);
                            }
                        }
                    } else {
                        // like the chip path: application data by its record's offset, the rest by the latest record
                        ProtocolEvent rec = e instanceof io.netstep.tls.ApplicationData ad
                                ? records.get(t.connection() + pe.dir().shortName() + ad.recordWireOffset())
                                : lastRecord.get(t.connection() + pe.dir().shortName());
                        if (rec != null) {
                            pe.linkCarrier(rec);
                        }
                    }
                    tlsEvents.add(pe);
                    facts(conn, e);
                }));
            }
            for (SerialLogDecoder.Mqtt m : r.mqtt()) {
                items.add(new Item(m.lastLine() >= 0 ? m.lastLine() : m.firstLine(), order++, () -> {
                    Connection conn = conns.get(m.connection());
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("line", m.firstLine());
                    StreamDecoding.mqttAttrs(m.packet(), a);
                    ProtocolEvent pe = engine.add(null, Layer.MQTT, Dir.of(m.packet().direction()),
                            m.packet().type().name(), StreamDecoding.summary(m.packet()),
                            Math.max(m.firstLine(), m.lastLine()), 0, conn, a, StreamDecoding.convert(m.packet()),
                            m.packet().bytes(), m.packet().streamOffset(), m.packet());
                    mqttEvents.add(pe);
                    if (!conn.isTls()) { // plain MQTT: the log lines that dumped it
                        for (int line = m.firstLine(); line >= 0 && line <= m.lastLine(); line++) {
                            for (ProtocolEvent l : logByLine.getOrDefault(line, List.of())) {
                                pe.linkCarrier(l);
                            }
                        }
                    }
                }));
            }
            items.sort(Comparator.comparingInt(Item::line).thenComparingInt(Item::order));
            for (Item i : items) {
                i.action().run();
            }
            for (ProtocolEvent m : mqttEvents) {
                ProtocolEvent app = carrier(m, tlsEvents);
                if (app != null) {
                    m.linkCarrier(app);
                }
            }
        }
    }

    /**
     * The TLS application data that carried an MQTT packet. A log dumps outgoing plaintext before
     * the record that encrypts it and incoming plaintext after the record, so: c2s the first
     * application data at or after the packet's line, s2c the last one at or before it.
     */
    private static ProtocolEvent carrier(ProtocolEvent m, List<ProtocolEvent> tls) {
        ProtocolEvent best = null;
        for (ProtocolEvent t : tls) {
            if (t.layer() != Layer.TLS_APPDATA || t.connection() != m.connection() || t.dir() != m.dir()) {
                continue;
            }
            if (m.dir() == Dir.C2S && t.virtualNanos() >= m.virtualNanos()) {
                return t;
            }
            if (m.dir() == Dir.S2C && t.virtualNanos() <= m.virtualNanos()) {
                best = t;
            }
        }
        return best;
    }

    private static void facts(Connection conn, TlsEvent e) {
        String version = null;
        String suite = null;
        String sni = null;
        if (e instanceof HandshakeMessage h && h.serverHello() != null) {
            version = TlsNames.VERSIONS.name(h.serverHello().negotiatedVersion());
            suite = h.serverHello().cipherSuiteName();
        }
        if (e instanceof HandshakeMessage h && h.clientHello() != null) {
            sni = h.clientHello().sni();
        }
        conn.logFacts(version, suite, sni, e.clientState(), e.serverState());
    }
}
