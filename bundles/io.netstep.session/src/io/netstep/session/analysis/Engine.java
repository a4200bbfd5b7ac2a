package io.netstep.session.analysis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes log entries in order, keeps the chip's sockets and registers in view, opens and
 * closes {@link Connection}s and hands their bytes to a {@link StreamDecoding} at the moment
 * the firmware has them (s2c: read off the RX buffer; c2s: sent by the chip).
 */
final class Engine {

    private static final int SIPR = 0x0F;
    private static final int Sn_PORT = 0x04;
    private static final int Sn_DIPR = 0x0C;
    private static final int Sn_DPORT = 0x10;

    private final boolean live;
    private final Consumer<ProtocolEvent> publish;
    private final List<ProtocolEvent> events = new ArrayList<>();
    private final Map<Long, ProtocolEvent> bySeq = new HashMap<>();
    private final Map<Long, List<ProtocolEvent>> decodedAt = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final io.netstep.tls.KeyLog tlsKeys = new io.netstep.tls.KeyLog();
    private final byte[][] regs = new byte[32][];
    private final Track[] tracks = new Track[8];
    private KeyLog sessionKeys;
    private int keysTaken;
    private LogEntry current;
    private long lastSeq;
    private boolean finished;

    /** A chip socket and the connection on it now. */
    static final class Track {
        Connection conn;
        StreamDecoding dec;
        ProtocolEvent lastSend;
    }

    Engine(boolean live, Consumer<ProtocolEvent> publish) {
        this.live = live;
        this.publish = publish;
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new Track();
        }
    }

    synchronized void sessionKeyLog(KeyLog keys) {
        sessionKeys = keys;
        takeKeys();
    }

    synchronized void keyLogLines(List<String> lines) {
        for (String l : lines) {
            tlsKeys.addLine(l);
        }
    }

    synchronized void problem(String p) {
        problems.add(p);
    }

    io.netstep.tls.KeyLog tlsKeys() {
        return tlsKeys;
    }

    boolean live() {
        return live;
    }

    LogEntry current() {
        return current;
    }

    // ---- registry ----

    ProtocolEvent add(LogEntry entry, Layer layer, Dir dir, String type, String summary, long nanos, long wall,
            Connection conn, Map<String, Object> attrs, FieldNode fields, byte[] bytes, long streamOffset,
            Object source) {
        ProtocolEvent e = new ProtocolEvent(events.size() + 1L, entry, layer, dir, type, summary, nanos, wall, conn,
                attrs, fields, bytes, streamOffset, source);
        events.add(e);
        if (entry != null) {
            bySeq.put(entry.seq(), e);
        } else if (current != null || lastSeq > 0) {
            // decoded at the end (bytes never read) counts as decoded at the last entry
            decodedAt.computeIfAbsent(current != null ? current.seq() : lastSeq, k -> new ArrayList<>()).add(e);
        }
        if (conn != null) {
            conn.add(e);
        }
        publish.accept(e);
        return e;
    }

    synchronized List<ProtocolEvent> events() {
        return List.copyOf(events);
    }

    synchronized ProtocolEvent event(long id) {
        return id >= 1 && id <= events.size() ? events.get((int) id - 1) : null;
    }

    synchronized ProtocolEvent forLogSeq(long seq) {
        return bySeq.get(seq);
    }

    synchronized List<ProtocolEvent> decodedAt(long seq) {
        return List.copyOf(decodedAt.getOrDefault(seq, List.of()));
    }

    synchronized List<Connection> connections() {
        return List.copyOf(connections);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    Connection newConnection(int socket, boolean firmwareIsClient, String local, String remote) {
        io.netstep.tls.TlsConnectionDecoder tls = new io.netstep.tls.TlsConnectionDecoder();
        tls.setKeyLog(tlsKeys);
        tls.setAwaitKeys(live);
        Connection c = new Connection(connections.size() + 1, socket, firmwareIsClient, local, remote, tls,
                new io.netstep.mqtt.MqttConnection());
        connections.add(c);
        return c;
    }

    // ---- log entries ----

    synchronized void logEntry(LogEntry le) {
        try {
            take(le);
        } catch (RuntimeException ex) {
            // a decoding bug must not stop the session's log or the entries after this one
            problems.add("internal error decoding log entry #" + le.seq() + " (" + le.kind() + "): " + ex);
        }
    }

    private void take(LogEntry le) {
        current = le;
        lastSeq = le.seq();
        Object ev = le.event();
        Describe.Text t = Describe.of(ev);
        Track tr = t.socket() >= 0 && t.socket() < 8 ? tracks[t.socket()] : null;
        if (ev instanceof ChipEvent.SpiFrame f) {
            shadow(f);
        }
        if (ev instanceof ChipEvent.Command c && tr != null) {
            beforeCommand(c, tr);
        }
        if (ev instanceof ChipEvent.StateChange s && tr != null && s.to() == Registers.SOCK_ESTABLISHED
                && (tr.conn == null || tr.dec.ended())) {
            startConnection(tr, s.socket(), false);
        }
        Connection conn = tr == null ? null : tr.conn;
        Dir dir = Dir.NONE;
        if (ev instanceof ChipEvent.Data d && conn != null) {
            dir = tr.dec.outDir(d.tx());
        }
        if (ev instanceof ChipEvent.SpiFrame f && conn != null && isBuffer(f.block())) {
            dir = tr.dec.outDir(isTxBuffer(f.block()));
        }
        if (ev instanceof ChipEvent.Data d && conn == null && !isTcpSocket(d.socket())) {
            conn = null; // UDP / MACRAW data belongs to no connection
        }
        ProtocolEvent pe = add(le, t.layer(), dir, t.type(), t.summary(), le.virtualNanos(), le.wallMillis(),
                conn, t.attrs(), new FieldNode(t.type(), "", List.of()), t.bytes(), -1, ev);
        if (tr != null && conn != null) {
            afterEvent(ev, pe, tr);
        }
        if (ev instanceof NetworkEvent ne) {
            network(ne);
        }
        if (ev instanceof ChipEvent.Reset) {
            for (Track x : tracks) {
                endConnection(x, null);
            }
        }
        if (ev instanceof SessionEvent.KeyLogLine) {
            takeKeys();
        }
    }

    private boolean isTcpSocket(int sn) {
        byte[] r = regs[Registers.socketBlock(sn)];
        return r != null && (r[Registers.Sn_MR] & 0x0F) == Registers.Sn_MR_TCP;
    }

    private void beforeCommand(ChipEvent.Command c, Track tr) {
        int cmd = c.command();
        if (cmd == Registers.Sn_CR_OPEN || cmd == Registers.Sn_CR_CONNECT) {
            endConnection(tr, null);
        }
        if (cmd == Registers.Sn_CR_CONNECT) {
            startConnection(tr, c.socket(), true);
        }
    }

    private void startConnection(Track tr, int sn, boolean client) {
        endConnection(tr, null);
        tr.conn = newConnection(sn, client, localEndpoint(sn), remoteEndpoint(sn));
        tr.dec = new StreamDecoding(this, tr.conn, client);
        tr.lastSend = null;
    }

    private void afterEvent(Object ev, ProtocolEvent pe, Track tr) {
        Connection conn = tr.conn;
        if (ev instanceof ChipEvent.Command c) {
            int cmd = c.command();
            if (cmd == Registers.Sn_CR_CONNECT) {
                conn.opened(pe);
            } else if (cmd == Registers.Sn_CR_DISCON) {
                conn.closed(pe, Connection.CloseKind.FIN_BY_FIRMWARE, "Sn_CR DISCON");
            } else if (cmd == Registers.Sn_CR_CLOSE) {
                conn.closed(pe, conn.establishedEvent() == null ? Connection.CloseKind.NOT_ESTABLISHED
                        : Connection.CloseKind.CLOSED_BY_FIRMWARE, "Sn_CR CLOSE in " + Registers.stateName(c.stateBefore()));
            } else if (cmd == Registers.Sn_CR_SEND || cmd == 0x22) {
                tr.lastSend = pe;
                tr.dec.sendCommand(pe);
            } else if (cmd == Registers.Sn_CR_RECV) {
                tr.dec.recvCommand(pe);
            }
        } else if (ev instanceof ChipEvent.StateChange s) {
            if (s.to() == Registers.SOCK_ESTABLISHED) {
                conn.endpoints(localEndpoint(s.socket()), conn.firmwareIsClient() ? null : remoteEndpoint(s.socket()));
                conn.established(pe);
                if (conn.openEvent() == null) {
                    conn.opened(pe);
                }
            } else if (s.to() == Registers.SOCK_CLOSE_WAIT) {
                conn.closed(pe, Connection.CloseKind.FIN_BY_PEER, "Sn_SR SOCK_CLOSE_WAIT");
            } else if (s.to() == Registers.SOCK_CLOSED) {
                String cause = s.cause() == null ? "" : s.cause();
                String lc = cause.toLowerCase(java.util.Locale.ROOT);
                Connection.CloseKind kind = conn.establishedEvent() == null ? Connection.CloseKind.NOT_ESTABLISHED
                        : lc.contains("timeout") ? Connection.CloseKind.TIMEOUT
                        : lc.contains("rst") || lc.contains("reset") ? Connection.CloseKind.RST_BY_PEER
                        : Connection.CloseKind.FIN_BY_PEER;
                conn.closed(pe, kind, "Sn_SR SOCK_CLOSED" + (cause.isEmpty() ? "" : " (" + cause + ")"));
                endConnection(tr, pe);
            }
        } else if (ev instanceof ChipEvent.Interrupt i && (i.raised() & Registers.Sn_IR_TIMEOUT) != 0) {
            conn.closed(pe, Connection.CloseKind.TIMEOUT, "Sn_IR TIMEOUT");
        } else if (ev instanceof ChipEvent.Data d) {
            tr.dec.data(d, pe);
        } else if (ev instanceof ChipEvent.SpiFrame f && isBuffer(f.block()) && f.problem() == null) {
            tr.dec.spi(f, pe, isTxBuffer(f.block()));
        }
    }

    private void network(NetworkEvent ne) {
        if (ne instanceof NetworkEvent.Connect c && c.socket() >= 0 && c.socket() < 8) {
            Connection conn = tracks[c.socket()].conn;
            if (conn != null) {
                conn.endpoints(null, c.dstIp() + ":" + c.dstPort());
                if (c.name() != null) {
                    conn.peerName(c.name());
                }
            }
        } else if (ne instanceof NetworkEvent.Accepted a && a.socket() >= 0 && a.socket() < 8) {
            Connection conn = tracks[a.socket()].conn;
            if (conn != null && !conn.firmwareIsClient() && "?:0".equals(conn.remoteEndpoint())) {
                conn.endpoints(null, a.peer());
            }
        } else if (ne instanceof NetworkEvent.Closed c && c.socket() >= 0 && c.socket() < 8) {
            Connection conn = tracks[c.socket()].conn;
            if (conn != null) {
                String how = c.how() == null ? "" : c.how();
                String lc = how.toLowerCase(java.util.Locale.ROOT);
                if (lc.contains("rst") || lc.contains("reset")) {
                    conn.closed(forLogSeq(current.seq()), Connection.CloseKind.RST_BY_PEER, "host side: " + how);
                } else if (lc.contains("fin")) {
                    conn.closed(forLogSeq(current.seq()), Connection.CloseKind.FIN_BY_PEER, "host side: " + how);
                }
            }
        }
    }

    private void endConnection(Track tr, ProtocolEvent cause) {
        if (tr.conn != null && !tr.dec.ended()) {
            tr.dec.end();
        }
        tr.conn = null;
        tr.dec = null;
    }

    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        current = null;
        for (Track tr : tracks) {
            endConnection(tr, null);
        }
    }

    private void takeKeys() {
        if (sessionKeys == null) {
            return;
        }
        List<String> lines = sessionKeys.lines();
        boolean added = false;
        for (int i = keysTaken; i < lines.size(); i++) {
            tlsKeys.addLine(lines.get(i));
            added = true;
        }
        keysTaken = lines.size();
        if (added) {
            for (Track tr : tracks) {
                if (tr.conn != null) {
                    tr.conn.tls.keysUpdated();
                }
            }
        }
    }

    // ---- registers ----

    private void shadow(ChipEvent.SpiFrame f) {
        int b = f.block();
        if (b < 0 || b > 31 || !(b == 0 || (b - 1) % 4 == 0) || f.offset() >= 0x40) {
            return;
        }
        if (regs[b] == null) {
            regs[b] = new byte[0x40];
        }
        byte[] d = f.data();
        int n = Math.min(d.length, 0x40 - f.offset());
        System.arraycopy(d, 0, regs[b], f.offset(), n);
    }

    private String localEndpoint(int sn) {
        byte[] common = regs[0];
        byte[] s = regs[Registers.socketBlock(sn)];
        String ip = common == null ? "?" : Describe.ip(java.util.Arrays.copyOfRange(common, SIPR, SIPR + 4));
        int port = s == null ? 0 : ((s[Sn_PORT] & 0xFF) << 8) | (s[Sn_PORT + 1] & 0xFF);
        return ip + ":" + port;
    }

    private String remoteEndpoint(int sn) {
        byte[] s = regs[Registers.socketBlock(sn)];
        if (s == null) {
            return "?:0";
        }
        return Describe.ip(java.util.Arrays.copyOfRange(s, Sn_DIPR, Sn_DIPR + 4)) + ":"
                + (((s[Sn_DPORT] & 0xFF) << 8) | (s[Sn_DPORT + 1] & 0xFF));
    }

    private static boolean isBuffer(int block) {
        return block > 0 && block < 32 && (block - 1) % 4 != 0 && !Registers.isReservedBlock(block);
    }

    private static boolean isTxBuffer(int block) {
        return (block - 1) % 4 == 1;
    }
}
