package io.netstep.session.analysis;

import io.netstep.session.LogEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing that happened, at any layer, in the single ordered timeline of an {@link Analysis}.
 * <p>
 * Events of the chip log ({@link Layer#SPI}, {@link Layer#CHIP}, {@link Layer#SOCKET},
 * {@link Layer#NET}, {@link Layer#SESSION}) wrap one {@link LogEntry} ({@link #logEntry()}).
 * Decoded events (TLS, MQTT) are derived: they appear in the timeline right after the log entry
 * that completed them, i.e. for s2c when the firmware read the last byte off the chip, for c2s
 * when the chip sent the last byte (a capture has no chip: the segment that brought it).
 * <p>
 * Links go down the layers and form a DAG: {@link #carriedBy()} of an MQTT packet are the TLS
 * application data records (or, without TLS, the {@link Layer#SOCKET} events) that carried its
 * bytes; of a TLS handshake message / alert / application data the {@link Layer#TLS_RECORD}s;
 * of a TLS record the SOCKET events (chip {@code Data}). {@link #chipTransfers()} are the SPI
 * frames through which the firmware moved the event's bytes (s2c: reads of the socket's RX
 * buffer; c2s: writes of its TX buffer) and the Sn_CR RECV / SEND commands that completed them.
 * <p>
 * Links and the two "when" times can grow after the event was published (a RECV command comes
 * after the reads); everything else is fixed. Getters are thread-safe.
 */
public final class ProtocolEvent {

    private final long id;
    private final LogEntry logEntry;
    private final Layer layer;
    private final Dir dir;
    private final String type;
    private final String summary;
    private final long virtualNanos;
    private final long wallMillis;
    private final Connection connection;
    private final Map<String, Object> attributes;
    private final FieldNode fields;
    private final byte[] bytes;
    private final long streamOffset;
    private final Object source;
    private final List<ProtocolEvent> carriedBy = new ArrayList<>(2);
    private final List<ProtocolEvent> chipTransfers = new ArrayList<>(2);
    private final List<ProtocolEvent> carries = new ArrayList<>(2);
    private long arrivedNanos = -1;
    private long readNanos = -1;

    ProtocolEvent(long id, LogEntry logEntry, Layer layer, Dir dir, String type, String summary, long virtualNanos,
            long wallMillis, Connection connection, Map<String, Object> attributes, FieldNode fields, byte[] bytes,
            long streamOffset, Object source) {
        this.id = id;
        this.logEntry = logEntry;
        this.layer = layer;
        this.dir = dir;
        this.type = type;
        this.summary = summary;
        this.virtualNanos = virtualNanos;
        this.wallMillis = wallMillis;
        this.connection = connection;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.fields = fields;
        this.bytes = bytes == null ? new byte[0] : bytes;
        this.streamOffset = streamOffset;
        this.source = source;
    }

    /** Position in {@link Analysis#events()}, from 1; unique within the analysis. */
    public long id() {
        return id;
    }

    /** The log entry this event is (chip, network, session layers), else null. */
    public LogEntry logEntry() {
        return logEntry;
    }

    /** The log entry's sequence number, or -1 for a decoded event or one from a capture / serial log. */
    public long logSeq() {
        return logEntry == null ? -1 : logEntry.seq();
    }

    public Layer layer() {
        return layer;
    }

    public Dir dir() {
        return dir;
    }

    /**
     * Name by the spec: "ClientHello", "Alert", "ApplicationData", "Record", "PUBLISH",
     * "Sn_CR CONNECT", "Sn_SR SOCK_ESTABLISHED", "SPI read Sn_RX buffer", "Data rx", "Dns", …
     */
    public String type() {
        return type;
    }

    /** One line for a timeline, without time and direction. */
    public String summary() {
        return summary;
    }

    /** Virtual time (session clock, ns) at which the event happened / completed; capture: epoch ns. */
    public long virtualNanos() {
        return virtualNanos;
    }

    /** Real time in epoch milliseconds. */
    public long wallMillis() {
        return wallMillis;
    }

    /** The connection it belongs to, or null. */
    public Connection connection() {
        return connection;
    }

    /**
     * Small ordered map of the facts later code asks for: e.g. MQTT {@code topic},
     * {@code packet_id}, {@code qos}, {@code client_id}, {@code return_code}, {@code reason_code},
     * {@code payload_hex}, {@code keep_alive}, {@code topic_filters}, {@code violations}; TLS
     * {@code sni}, {@code cipher_suites}, {@code cipher_suite}, {@code version},
     * {@code client_state}, {@code server_state}, {@code level}, {@code description}
     * (alerts), {@code content_type}, {@code length}, {@code kind}/{@code message}
     * (problems); chip {@code socket}, {@code command}, {@code from}/{@code to} (states),
     * {@code block}, {@code offset}. Values are String, Integer, Long, Boolean or List&lt;String&gt;.
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** An attribute as text, or null. */
    public String attr(String key) {
        Object v = attributes.get(key);
        return v == null ? null : v.toString();
    }

    /** The field tree (root named after the event), never null. */
    public FieldNode fields() {
        return fields;
    }

    /** The raw bytes (MQTT packet, TLS record as on the wire, decrypted plaintext, SPI data phase…); a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Offset of the first byte in its direction's stream: the TCP stream for records and socket
     * data, the decrypted application stream (or TCP stream without TLS) for MQTT; -1 if none.
     */
    public long streamOffset() {
        return streamOffset;
    }

    /**
     * The decoder's own object for richer questions: {@code io.netstep.tls.TlsEvent},
     * {@code io.netstep.mqtt.MqttPacket} / {@code MqttViolation}, the chip / network / session
     * event record, or a {@code Capture.Segment}. May be null.
     */
    public Object source() {
        return source;
    }

    /** The lower-layer events that carried this one's bytes (see class comment). */
    public synchronized List<ProtocolEvent> carriedBy() {
        return List.copyOf(carriedBy);
    }

    /** The higher-layer events this one carried (inverse of {@link #carriedBy()}). */
    public synchronized List<ProtocolEvent> carries() {
        return List.copyOf(carries);
    }

    /** SPI frames (and RECV/SEND commands) through which the firmware moved these bytes. */
    public synchronized List<ProtocolEvent> chipTransfers() {
        return List.copyOf(chipTransfers);
    }

    /**
     * For s2c: virtual time the last byte arrived at the chip (chip {@code Data} rx); for c2s:
     * when the last byte was sent by the chip. -1 if unknown (capture: the segment's time).
     */
    public synchronized long arrivedNanos() {
        return arrivedNanos;
    }

    /**
     * For s2c: virtual time the firmware read the last byte off the chip (SPI read of the RX
     * buffer); for c2s: when the firmware wrote the last byte into the TX buffer. -1 if unknown.
     */
    public synchronized long chipTransferNanos() {
        return readNanos;
    }

    /** Every event below this one, transitively, in id order (the whole DAG down to SPI). */
    public List<ProtocolEvent> allBelow() {
        java.util.TreeMap<Long, ProtocolEvent> seen = new java.util.TreeMap<>();
        java.util.ArrayDeque<ProtocolEvent> pending = new java.util.ArrayDeque<>();
        pending.add(this);
        while (!pending.isEmpty()) {
            ProtocolEvent e = pending.poll();
            List<ProtocolEvent> next = new ArrayList<>(e.carriedBy());
            next.addAll(e.chipTransfers());
            for (ProtocolEvent n : next) {
                if (seen.putIfAbsent(n.id, n) == null) {
                    pending.add(n);
                }
            }
        }
        return List.copyOf(seen.values());
    }

    synchronized void linkCarrier(ProtocolEvent lower) {
        if (!carriedBy.contains(lower)) {
            carriedBy.add(lower);
            lower.addCarried(this);
        }
    }

    private synchronized void addCarried(ProtocolEvent upper) {
        carries.add(upper);
    }

    synchronized void linkChip(ProtocolEvent spiOrCommand) {
        if (!chipTransfers.contains(spiOrCommand)) {
            chipTransfers.add(spiOrCommand);
        }
    }

    synchronized void times(long arrived, long transferred) {
        if (arrived >= 0) {
            arrivedNanos = Math.max(arrivedNanos, arrived);
        }
        if (transferred >= 0) {
            readNanos = Math.max(readNanos, transferred);
        }
    }

    @Override
    public String toString() {
        return "#" + id + " " + layer + (dir == Dir.NONE ? "" : " " + dir.shortName()) + " " + summary;
    }
}
