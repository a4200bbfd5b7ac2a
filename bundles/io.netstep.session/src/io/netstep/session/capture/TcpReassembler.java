package io.netstep.session.capture;

import io.netstep.session.capture.Capture.Endpoint;
import io.netstep.session.capture.Capture.Segment;
import io.netstep.session.capture.Capture.TcpConnection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts TCP segments back into per-connection, per-direction byte streams by sequence number:
 * retransmitted bytes are dropped, overlaps trimmed, out-of-order segments held until the
 * hole before them fills; a hole that never fills is reported (and the stream continues
 * after it). A SYN on a 4-tuple whose connection already carried data starts a new one.
 */
final class TcpReassembler {

    /** Bytes held out of order per direction before the oldest hole is given up on. */
    static final long MAX_PENDING = 8L << 20;

    private final Map<String, Conn> open = new LinkedHashMap<>();
    private final List<Conn> done = new ArrayList<>();

    /** One TCP segment as decoded from a packet. */
    record Packet(long timeNanos, Endpoint src, Endpoint dst, long seq, long ack, int flags, byte[] payload) { }

    private static final class Direction {
        boolean based;
        long base;              // sequence number of stream offset 0
        long next;              // next stream offset expected
        final TreeMap<Long, Segment> pending = new TreeMap<>();
        long pendingBytes;
        final List<Segment> out = new ArrayList<>();
        String close;
    }

    private static final class Conn {
        Endpoint client;
        Endpoint server;
        long start;
        boolean handshake;
        boolean sawData;
        final Direction c2s = new Direction();
        final Direction s2c = new Direction();
        final List<String> problems = new ArrayList<>();
    }

    void add(Packet p) {
        String key = key(p.src(), p.dst());
        Conn c = open.get(key);
        boolean syn = (p.flags() & PacketBuilder.SYN) != 0;
        boolean synOnly = syn && (p.flags() & PacketBuilder.ACK) == 0;
        if (c != null && synOnly && (c.sawData || c.c2s.close != null || c.s2c.close != null)
                && p.src().equals(c.client) && c.c2s.based && seqOf(c.c2s) != p.seq()) {
            done.add(c);        // the port pair is used again: a new connection
            open.remove(key);
            c = null;
        }
        if (c == null) {
            c = new Conn();
            c.start = p.timeNanos();
            // SYN: its sender is the client; SYN/ACK: its receiver; no handshake seen: the higher port
            boolean srcIsClient = synOnly || (!syn && p.src().port() >= p.dst().port());
            c.client = srcIsClient ? p.src() : p.dst();
            c.server = srcIsClient ? p.dst() : p.src();
            c.handshake = synOnly;
            open.put(key, c);
        }
        Direction d = p.src().equals(c.client) ? c.c2s : c.s2c;
        if (syn) {
            if (!d.based) {
                d.based = true;
                d.base = (p.seq() + 1) & 0xFFFFFFFFL;
            }
        }
        byte[] data = p.payload();
        long seqData = syn ? (p.seq() + 1) & 0xFFFFFFFFL : p.seq();
        if (!d.based) {
            d.based = true;
            d.base = seqData;
            if (c.handshake && d == c.s2c) {
                c.problems.add("the server's SYN/ACK was not captured");
            } else if (!c.handshake && c.c2s.out.isEmpty() && c.s2c.out.isEmpty() && d.out.isEmpty()) {
                noteOnce(c, "the connection's SYN was not captured: its streams start at the first segment seen");
            }
        }
        if (data.length > 0) {
            c.sawData = true;
            long off = d.next + (int) (seqData - ((d.base + d.next) & 0xFFFFFFFFL));
            deliver(c, d, new Segment(p.timeNanos(), off, data));
        }
        if ((p.flags() & PacketBuilder.FIN) != 0 && d.close == null) {
            d.close = "FIN";
        }
        if ((p.flags() & PacketBuilder.RST) != 0) {
            d.close = "RST";
        }
    }

    private static long seqOf(Direction d) {
        return (d.base - 1) & 0xFFFFFFFFL;
    }

    private void deliver(Conn c, Direction d, Segment s) {
        long end = s.streamOffset() + s.bytes().length;
        if (end <= d.next) {
            return;     // a retransmission of bytes we have
        }
        if (s.streamOffset() < d.next) {
            int cut = (int) (d.next - s.streamOffset());
            s = new Segment(s.timeNanos(), d.next, Arrays.copyOfRange(s.bytes(), cut, s.bytes().length));
        }
        if (s.streamOffset() > d.next) {
            Segment old = d.pending.get(s.streamOffset());
            if (old == null || old.bytes().length < s.bytes().length) {
                d.pending.put(s.streamOffset(), s);
                d.pendingBytes += s.bytes().length - (old == null ? 0 : old.bytes().length);
            }
            if (d.pendingBytes > MAX_PENDING) {
                skipHole(c, d);
            }
            return;
        }
        d.out.add(s);
        d.next = end;
        drain(c, d);
    }

    private void drain(Conn c, Direction d) {
        while (!d.pending.isEmpty() && d.pending.firstKey() <= d.next) {
            Segment s = d.pending.pollFirstEntry().getValue();
            d.pendingBytes -= s.bytes().length;
            deliver(c, d, s);
        }
    }

    /** Gives up on the first hole: reports it and goes on after it. */
    private void skipHole(Conn c, Direction d) {
        long to = d.pending.firstKey();
        c.problems.add((d == c.c2s ? "client→server" : "server→client") + ": " + (to - d.next)
                + " byte(s) never captured at stream offset " + d.next);
        d.next = to;
        drain(c, d);
    }

    private static void noteOnce(Conn c, String s) {
        if (!c.problems.contains(s)) {
            c.problems.add(s);
        }
    }

    List<TcpConnection> finish() {
        List<Conn> all = new ArrayList<>(done);
        all.addAll(open.values());
        all.sort((a, b) -> Long.compare(a.start, b.start));
        List<TcpConnection> r = new ArrayList<>();
        for (Conn c : all) {
            for (Direction d : List.of(c.c2s, c.s2c)) {
                while (!d.pending.isEmpty()) {
                    skipHole(c, d);
                }
            }
            r.add(new TcpConnection(c.client, c.server, c.start, c.handshake, List.copyOf(c.c2s.out),
                    List.copyOf(c.s2c.out), c.c2s.close, c.s2c.close, List.copyOf(c.problems)));
        }
        return r;
    }

    private static String key(Endpoint a, Endpoint b) {
        String x = a.toString();
        String y = b.toString();
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }
}
