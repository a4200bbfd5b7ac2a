package io.netstep.net;

/**
 * What the virtual network did, in order, for the session's event log and timeline.
 * {@code time} is the virtual clock in nanoseconds. {@code socket} is the chip socket (0..7) or
 * -1. Addresses are dotted strings; byte arrays are copies owned by the event.
 * Listeners get these on the chip thread (see {@link VirtualNetwork}), in the order the chip
 * sees the effects.
 */
public sealed interface NetworkEvent {

    long time();

    /** A DHCP message from the chip and what the server answered ({@code reply} OFFER, ACK, NAK or none). */
    record Dhcp(long time, int socket, String received, String reply, String clientMac, String address, String detail)
            implements NetworkEvent { }

    /** A DNS query and its answer: {@code address} null for NXDOMAIN / no data; {@code source} map, host resolver, none. */
    record Dns(long time, int socket, String server, String name, int qtype, String address, String source)
            implements NetworkEvent { }

    enum ConnectResult { CONNECTED, REFUSED, NO_ANSWER, UNMAPPED }

    /**
     * The outcome of the chip's SYN: where it went on the host ({@code host} null when unmapped)
     * and what happened ({@code error} the host's message, or null).
     */
    record Connect(long time, int socket, String dstIp, int dstPort, String name, String host, ConnectResult result,
                   String error) implements NetworkEvent { }

    /** A LISTEN socket is reachable on the host at 127.0.0.1:{@code hostPort}. */
    record Listening(long time, int socket, int chipPort, int hostPort) implements NetworkEvent { }

    /** A host client connected to a LISTEN socket. */
    record Accepted(long time, int socket, String peer) implements NetworkEvent { }

    /** The host side of a TCP connection ended: {@code how} is FIN, RST, closed by chip, … */
    record Closed(long time, int socket, String how) implements NetworkEvent { }

    /** Bytes carried on a TCP connection: {@code toChip} host → chip (what the chip took), else chip → host. */
    record Bytes(long time, int socket, boolean toChip, byte[] data) implements NetworkEvent { }

    /** A UDP datagram carried to or from the host (not DHCP/DNS, which the LAN answers itself). */
    record Datagram(long time, int socket, boolean toChip, String peer, int length) implements NetworkEvent { }

    /** A fault was applied: {@code spec} as given, {@code what} it did here. */
    record FaultApplied(long time, int socket, String spec, String what) implements NetworkEvent { }

    /** A packet that could not be parsed; it was ignored. */
    record Malformed(long time, int socket, String protocol, String problem, byte[] packet) implements NetworkEvent { }

    /** Something the network dropped or refused to carry, and why. */
    record Dropped(long time, int socket, String why) implements NetworkEvent { }
}
