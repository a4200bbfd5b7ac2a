package io.netstep.session.analysis;

import io.netstep.session.capture.Capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a capture into the engine: each captured TCP connection becomes a {@link Connection}
 * (the SYN's sender is the client, i.e. the firmware's side), its segments {@link Layer#SOCKET}
 * events in capture time order across connections, decoded as they come (a capture has no
 * chip: bytes count as read when they were captured). UDP datagrams become {@link Layer#NET} events.
 */
final class CaptureFeeder {

    private record Item(long time, int order, Runnable action) { }

    private CaptureFeeder() {
    }

    static void feed(Capture capture, Engine engine, DecodeProgress progress) {
        synchronized (engine) {
            List<Item> items = new ArrayList<>();
            int order = 0;
            for (Capture.TcpConnection tc : capture.connections()) {
                Connection conn = engine.newConnection(-1, true, tc.client().toString(), tc.server().toString());
                StreamDecoding dec = new StreamDecoding(engine, conn, true);
                for (String p : tc.problems()) {
                    engine.problem(conn + ": " + p);
                }
                List<ProtocolEvent> last = new ArrayList<>(1);
                int k = 0;
                int total = tc.clientToServer().size() + tc.serverToClient().size();
                for (Dir dir : new Dir[] {Dir.C2S, Dir.S2C}) {
                    for (Capture.Segment s : dir == Dir.C2S ? tc.clientToServer() : tc.serverToClient()) {
                        items.add(new Item(s.timeNanos(), order++, () -> {
                            ProtocolEvent pe = segment(engine, conn, dir, s);
                            if (conn.openEvent() == null) {
                                conn.opened(pe);
                                if (tc.handshakeSeen()) {
                                    conn.established(pe);
                                }
                            }
                            dec.captured(dir, s.bytes(), pe);
                            last.clear();
                            last.add(pe);
                        }));
                        k++;
                    }
                }
                // The end of the connection comes after its last segment.
                long endTime = Long.MIN_VALUE;
                for (Capture.Segment s : tc.clientToServer()) {
                    endTime = Math.max(endTime, s.timeNanos());
                }
                for (Capture.Segment s : tc.serverToClient()) {
                    endTime = Math.max(endTime, s.timeNanos());
                }
                items.add(new Item(total == 0 ? tc.startNanos() : endTime, order++, () -> {
                    dec.end();
                    ProtocolEvent at = last.isEmpty() ? null : last.get(0);
                    if ("RST".equals(tc.clientClose())) {
                        conn.closed(at, Connection.CloseKind.CLOSED_BY_FIRMWARE, "RST from the client");
                    } else if ("RST".equals(tc.serverClose())) {
                        conn.closed(at, Connection.CloseKind.RST_BY_PEER, "RST from the server");
                    } else if ("FIN".equals(tc.clientClose()) && "FIN".equals(tc.serverClose())) {
                        conn.closed(at, Connection.CloseKind.FIN_BOTH_ORDER_UNKNOWN, "FIN from both sides");
                    } else if ("FIN".equals(tc.clientClose())) {
                        conn.closed(at, Connection.CloseKind.FIN_BY_FIRMWARE, "FIN from the client");
                    } else if ("FIN".equals(tc.serverClose())) {
                        conn.closed(at, Connection.CloseKind.FIN_BY_PEER, "FIN from the server");
                    }
                }));
            }
            for (Capture.UdpDatagram d : capture.datagrams()) {
                items.add(new Item(d.timeNanos(), order++, () -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("source", d.source().toString());
                    a.put("destination", d.destination().toString());
                    a.put("length", d.payload().length);
                    engine.add(null, Layer.NET, Dir.NONE, "Datagram", "UDP " + d.source() + " -> " + d.destination()
                            + ", " + d.payload().length + " bytes", d.timeNanos(), d.timeNanos() / 1_000_000, null, a,
                            new FieldNode("Datagram", "", List.of()), d.payload(), -1, d);
                }));
            }
            items.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::order));
            int n = items.size();
            for (int k = 0; k < n; k++) {
                progress.at(k, n);
                items.get(k).action().run();
            }
            progress.end(n);
        }
    }

    private static ProtocolEvent segment(Engine engine, Connection conn, Dir dir, Capture.Segment s) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("length", s.bytes().length);
        a.put("stream_offset", s.streamOffset());
        String from = dir == Dir.C2S ? conn.localEndpoint() : conn.remoteEndpoint();
        String to = dir == Dir.C2S ? conn.remoteEndpoint() : conn.localEndpoint();
        return engine.add(null, Layer.SOCKET, dir, "TCP segment", "TCP " + from + " -> " + to + ", "
                + s.bytes().length + " bytes", s.timeNanos(), s.timeNanos() / 1_000_000, conn, a,
                new FieldNode("TCP segment", "", List.of()), s.bytes(), s.streamOffset(), s);
    }
}
