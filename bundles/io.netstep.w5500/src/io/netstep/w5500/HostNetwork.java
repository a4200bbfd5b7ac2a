package io.netstep.w5500;

/**
 * What the chip asks of the network behind it. The chip calls these when the firmware
 * gives a socket command; answers come back asynchronously through {@link HostEvents}.
 * Implementations must not call back into the chip from inside these methods' callers'
 * stack in a way that re-enters a command (post answers, or call them after returning).
 * Addresses are IPv4 as 4 bytes; ports are 0..65535.
 */
public interface HostNetwork {

    /** Socket {@code sn} sent SYN (Sn_CR CONNECT). Answer: connected, refused, or nothing (then the chip times out). */
    void tcpConnect(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort);

    /** Socket {@code sn} entered LISTEN on {@code port}. Answer: {@link HostEvents#tcpAccepted}. */
    void tcpListen(int sn, int port);

    /** Payload the chip transmits on an ESTABLISHED/CLOSE_WAIT socket (Sn_CR SEND). */
    void tcpSend(int sn, byte[] data);

    /** Sn_CR DISCON: the chip sends FIN. The host half-closes its side. */
    void tcpDisconnect(int sn);

    /** Sn_CR CLOSE or a reset/timeout: drop whatever the host holds for {@code sn} (RST if still open). */
    void close(int sn);

    /** RX space was freed on {@code sn} (Sn_CR RECV): the network may offer held-back data again. */
    void rxWindowOpened(int sn);

    /** Socket {@code sn} opened in UDP mode on {@code port}. */
    void udpOpen(int sn, int port);

    /** A datagram the chip sends (Sn_CR SEND in UDP mode); {@code dstIp} may be 255.255.255.255. */
    void udpSend(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, byte[] data);

    /**
     * Whether an ARP request for {@code ip} (the destination on the subnet, else the gateway
     * GAR) is answered. When not, the chip sends nothing and times out after
     * ARPTO = RTR × (RCR+1): Sn_IR TIMEOUT (and SOCK_CLOSED for a TCP CONNECT).
     * Added compatibly by the chip's owner: the default answers every ARP.
     */
    default boolean arpAnswers(byte[] ip) { return true; }

    /** MACRAW on socket 0: whether this network can carry raw Ethernet frames at all. */
    default boolean macrawSupported() { return false; }

    /** A raw Ethernet frame from socket 0 in MACRAW mode (only called when supported). */
    default void macrawSend(byte[] frame) { }

    /** A network that answers nothing: connects time out, sends vanish. */
    HostNetwork NONE = new HostNetwork() {
        public void tcpConnect(int sn, byte[] s, int sp, byte[] d, int dp) { }
        public void tcpListen(int sn, int port) { }
        public void tcpSend(int sn, byte[] data) { }
        public void tcpDisconnect(int sn) { }
        public void close(int sn) { }
        public void rxWindowOpened(int sn) { }
        public void udpOpen(int sn, int port) { }
        public void udpSend(int sn, byte[] s, int sp, byte[] d, int dp, byte[] data) { }
    };
}
