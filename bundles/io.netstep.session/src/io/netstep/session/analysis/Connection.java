package io.netstep.session.analysis;

import io.netstep.mqtt.MqttConnection;
import io.netstep.tls.TlsConnectionDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection of one chip socket, from Sn_CR CONNECT (or the accepted SYN of a LISTEN
 * socket) to its close; a new connection on the same socket is a new object. From a capture:
 * one captured TCP connection ({@link #socket()} is -1).
 * <p>
 * Endpoints are the firmware's view: the chip's address and port (SIPR/Sn_PORT) and the
 * peer's (Sn_DIPR/Sn_DPORT) — the virtual addresses, never the host's real ones.
 * Getters are thread-safe; values change while a live session runs.
 */
public final class Connection {

    /** How the connection ended. */
    public enum CloseKind {
        /** Still open (or the recording ends before its close). */
        OPEN,
        /** The firmware sent FIN first (Sn_CR DISCON). */
        FIN_BY_FIRMWARE,
        /** The peer sent FIN first (Sn_SR went to SOCK_CLOSE_WAIT). */
        FIN_BY_PEER,
        /** The peer reset the connection. */
        RST_BY_PEER,
        /** The firmware closed the socket without FIN (Sn_CR CLOSE on an open connection: RST on the wire). */
        CLOSED_BY_FIRMWARE,
        /** The chip gave up: Sn_IR TIMEOUT (ARP or retransmission timeout). */
        TIMEOUT,
        /** Both sides sent FIN and the input does not say who was first (a capture import). */
        FIN_BOTH_ORDER_UNKNOWN,
        /** The connect was refused or unanswered: it never was established. */
        NOT_ESTABLISHED
    }

    private final int id;
    private final int socket;
    private final boolean firmwareIsClient;
    private volatile String local;
    private volatile String remote;
    private volatile String peerName;
    final TlsConnectionDecoder tls;
    final MqttConnection mqtt;
    private final List<ProtocolEvent> events = new ArrayList<>();
    private final List<ProtocolEvent> mqttPackets = new ArrayList<>();
    private ProtocolEvent openEvent;
    private ProtocolEvent establishedEvent;
    private ProtocolEvent closeEvent;
    private CloseKind closeKind = CloseKind.OPEN;
    private String closeDetail = "";
    private long bytesC2s;
    private long bytesS2cArrived;
    private long bytesS2cRead;
    private boolean tlsSeen;
    /** Serial log import: the TLS facts come from decoded events, not from {@link #tls}. */
    private volatile boolean fromLog;
    private volatile String logVersion;
    private volatile String logSuite;
    private volatile String logSni;
    private volatile String logClientState = "";
    private volatile String logServerState = "";

    Connection(int id, int socket, boolean firmwareIsClient, String local, String remote,
            TlsConnectionDecoder tls, MqttConnection mqtt) {
        this.id = id;
        this.socket = socket;
        this.firmwareIsClient = firmwareIsClient;
        this.local = local;
        this.remote = remote;
        this.tls = tls;
        this.mqtt = mqtt;
    }

    /** Number of the connection in its analysis, from 1. */
    public int id() {
        return id;
    }

    /** Chip socket 0..7, or -1 (capture, serial log). */
    public int socket() {
        return socket;
    }

    /** True when the firmware connected out (Sn_CR CONNECT); false for a LISTEN socket that accepted. */
    public boolean firmwareIsClient() {
        return firmwareIsClient;
    }

    /** The chip's side "ip:port" as the firmware configured it (capture: the client). */
    public String localEndpoint() {
        return local;
    }

    /** The peer "ip:port" (Sn_DIPR:Sn_DPORT, or the accepted client; capture: the server). */
    public String remoteEndpoint() {
        return remote;
    }

    /** The DNS name the firmware resolved to the peer address, or null. */
    public String peerName() {
        return peerName;
    }

    /** Sn_CR CONNECT (or the SYN seen / capture start), or null if not seen. */
    public synchronized ProtocolEvent openEvent() {
        return openEvent;
    }

    /** Sn_SR → SOCK_ESTABLISHED, or null if never established. */
    public synchronized ProtocolEvent establishedEvent() {
        return establishedEvent;
    }

    /** The event that ended it (state change to CLOSED / CLOSE_WAIT, DISCON, timeout interrupt…), or null while open. */
    public synchronized ProtocolEvent closeEvent() {
        return closeEvent;
    }

    public synchronized CloseKind closeKind() {
        return closeKind;
    }

    /** More on the close in words (the network's "how", the Sn_SR path), may be empty. */
    public synchronized String closeDetail() {
        return closeDetail;
    }

    /** Bytes the chip sent to the peer. */
    public synchronized long bytesC2s() {
        return bytesC2s;
    }

    /** Bytes from the peer that arrived at the chip. */
    public synchronized long bytesS2cArrived() {
        return bytesS2cArrived;
    }

    /** Bytes from the peer the firmware read off the chip (capture: equal to arrived). */
    public synchronized long bytesS2cRead() {
        return bytesS2cRead;
    }

    /** True once a TLS record was recognised on the connection. */
    public synchronized boolean isTls() {
        return tlsSeen;
    }

    /**
     * The TLS decoder of the connection, for questions beyond the getters here (certificates,
     * alerts, record lengths); unused (empty) for a serial log import. Read it only, from the thread that feeds the analysis or after
     * the analysis is complete.
     */
    public TlsConnectionDecoder tlsDecoder() {
        return tls;
    }

    /** Negotiated TLS version name ("TLS 1.2", "TLS 1.3"), or null. */
    public String tlsVersion() {
        if (fromLog) {
            return logVersion;
        }
        String v = tls.negotiatedVersionName();
        return v == null || v.isEmpty() ? null : v;
    }

    /** Chosen cipher suite (IANA name), or null. */
    public String cipherSuite() {
        if (fromLog) {
            return logSuite;
        }
        return tls.chosenCipherSuite();
    }

    /** server_name the client sent, or null. */
    public String sni() {
        if (fromLog) {
            return logSni;
        }
        return tls.sni();
    }

    /** Client handshake state by RFC name (e.g. "WAIT_SH", "CONNECTED"). */
    public String tlsClientState() {
        if (fromLog) {
            return logClientState;
        }
        return tls.clientState();
    }

    /** Server handshake state by RFC name. */
    public String tlsServerState() {
        if (fromLog) {
            return logServerState;
        }
        return tls.serverState();
    }

    /** The incomplete TLS record the direction is waiting on (its header arrived, not all its bytes), or null. */
    public TlsConnectionDecoder.PendingRecord pendingRecord(Dir dir) {
        return tls.pendingRecord(dir.tls());
    }

    /** MQTT protocol level (3, 4, 5) once known, else 0. */
    public int mqttProtocolLevel() {
        return mqtt.protocolLevel();
    }

    /** The connection's MQTT packets ({@link Layer#MQTT} events) in stream order per direction, interleaved by time. */
    public synchronized List<ProtocolEvent> mqttPackets() {
        return List.copyOf(mqttPackets);
    }

    /** All events of the connection in timeline order. */
    public synchronized List<ProtocolEvent> events() {
        return List.copyOf(events);
    }

    /** The connection's events of one layer. */
    public synchronized List<ProtocolEvent> events(Layer layer) {
        List<ProtocolEvent> out = new ArrayList<>();
        for (ProtocolEvent e : events) {
            if (e.layer() == layer) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- updates by the analysis ----

    synchronized void add(ProtocolEvent e) {
        events.add(e);
        if (e.layer() == Layer.MQTT) {
            mqttPackets.add(e);
        }
        if (e.layer() == Layer.TLS_RECORD) {
            tlsSeen = true;
        }
    }

    synchronized void opened(ProtocolEvent e) {
        if (openEvent == null) {
            openEvent = e;
        }
    }

    synchronized void established(ProtocolEvent e) {
        if (establishedEvent == null) {
            establishedEvent = e;
        }
    }

    synchronized boolean isClosed() {
        return closeKind != CloseKind.OPEN;
    }

    synchronized void closed(ProtocolEvent e, CloseKind kind, String detail) {
        if (closeKind == CloseKind.OPEN) {
            closeEvent = e;
            closeKind = kind;
            closeDetail = detail == null ? "" : detail;
        }
    }

    void endpoints(String localEp, String remoteEp) {
        if (localEp != null) {
            local = localEp;
        }
        if (remoteEp != null) {
            remote = remoteEp;
        }
    }

    /** Serial log import: TLS facts from the decoded events (the log's decoders are not this connection's). */
    void logFacts(String version, String suite, String sni, String clientState, String serverState) {
        fromLog = true;
        if (version != null) {
            logVersion = version;
        }
        if (suite != null) {
            logSuite = suite;
        }
        if (sni != null) {
            logSni = sni;
        }
        logClientState = clientState;
        logServerState = serverState;
    }

    void peerName(String name) {
        peerName = name;
    }

    synchronized void countC2s(int n) {
        bytesC2s += n;
    }

    synchronized void countS2cArrived(int n) {
        bytesS2cArrived += n;
    }

    synchronized void countS2cRead(int n) {
        bytesS2cRead += n;
    }

    @Override
    public String toString() {
        return "connection " + id + (socket >= 0 ? " (socket " + socket + ")" : "") + " " + local + " → " + remote;
    }
}
