package io.netstep.session.capture;

import java.util.List;

/**
 * What {@link CaptureReader} got out of a pcap or pcapng file: per TCP connection the two
 * reassembled byte streams, the UDP datagrams, the TLS key log lines of Decryption Secrets
 * Blocks (secret: never print them), and every problem met on the way. Times are epoch
 * nanoseconds as the capture recorded them.
 *
 * @param format   "pcap" or "pcapng" (with byte order and time resolution)
 * @param packets  packets read (all link types)
 */
public record Capture(String format, int packets, List<TcpConnection> connections, List<UdpDatagram> datagrams,
        List<String> keyLog, List<String> problems) {

    /** An IPv4 address (dotted) and port. */
    public record Endpoint(String ip, int port) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    /**
     * A run of bytes of one direction of a TCP stream: {@code streamOffset} counts from the
     * first byte after the SYN (or the first segment seen when the SYN was not captured).
     */
    public record Segment(long timeNanos, long streamOffset, byte[] bytes) { }

    /**
     * One TCP connection. {@code client} sent the SYN (when the capture has no SYN: the side
     * with the higher port). The segments of each direction are in stream order, without
     * retransmitted or overlapping bytes; a gap (bytes never captured) shows as a jump in
     * {@code streamOffset} and in {@code problems}.
     */
    public record TcpConnection(Endpoint client, Endpoint server, long startNanos, boolean handshakeSeen,
            List<Segment> clientToServer, List<Segment> serverToClient, String clientClose, String serverClose,
            List<String> problems) {

        /** All bytes of one direction, gaps left out. */
        public byte[] bytes(boolean fromClient) {
            List<Segment> s = fromClient ? clientToServer : serverToClient;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Segment g : s) {
                out.writeBytes(g.bytes());
            }
            return out.toByteArray();
        }
    }

    public record UdpDatagram(long timeNanos, Endpoint source, Endpoint destination, byte[] payload) { }

    @Override
    public String toString() {
        return "Capture[" + format + ", " + packets + " packets, " + connections.size() + " TCP connections, "
                + datagrams.size() + " UDP datagrams, " + keyLog.size() + " key log lines, " + problems.size()
                + " problems]";
    }
}
