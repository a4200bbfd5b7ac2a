package io.netstep.w5500;

/**
 * What the network tells the chip. The chip implements this; the session decides on which
 * thread and when (while paused it holds these back, so the chip does not change).
 * The chip never throws from these: an event that does not fit the socket's state is
 * ignored and reported as a diagnostic chip event.
 */
public interface HostEvents {

    /** The SYN was answered: socket {@code sn} goes SYNSENT → ESTABLISHED, Sn_IR CON. */
    void tcpConnected(int sn);

    /** The peer answered the SYN with RST (port closed). */
    void tcpRefused(int sn);

    /** A client connected to LISTEN socket {@code sn}: LISTEN → ESTABLISHED, Sn_IR CON. */
    void tcpAccepted(int sn, byte[] peerIp, int peerPort);

    /**
     * Bytes from the peer. Returns how many the chip took (limited by free RX buffer space,
     * like a TCP window); the network keeps the rest and offers it again after
     * {@link HostNetwork#rxWindowOpened}.
     */
    int tcpData(int sn, byte[] data, int off, int len);

    /** The peer sent FIN: ESTABLISHED → CLOSE_WAIT, Sn_IR DISCON. */
    void tcpPeerClosed(int sn);

    /** The peer reset the connection: → CLOSED, Sn_IR DISCON. */
    void tcpReset(int sn);

    /** A datagram for UDP socket {@code sn}; dropped (with a diagnostic) when the RX buffer is full. */
    void udpData(int sn, byte[] srcIp, int srcPort, byte[] data);

    /**
     * A datagram with the address it was sent to, so the chip can apply Sn_MR BCASTB
     * (broadcasts blocked). Added compatibly: the default drops the destination.
     */
    default void udpData(int sn, byte[] srcIp, int srcPort, byte[] dstIp, byte[] data) {
        udpData(sn, srcIp, srcPort, data);
    }

    /** An ICMP destination unreachable for a datagram the chip sent: UIPR/UPORTR, IR UNREACH. */
    default void icmpUnreachable(byte[] ip, int port) { }

    /** Another host answered ARP for the chip's own SIPR: IR CONFLICT. */
    default void ipConflict() { }

    /** A raw frame for socket 0 in MACRAW mode. */
    default void macrawFrame(byte[] frame) { }
}
