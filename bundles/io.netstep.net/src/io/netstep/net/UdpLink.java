package io.netstep.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chip UDP socket's host side: one datagram channel (bound to 127.0.0.1, or to the wildcard
 * address only when external hosts are allowed), opened on the first datagram that leaves the
 * virtual LAN. Replies are shown to the chip as coming from the address it sent to.
 */
final class UdpLink implements HostIo.Handler {

    final int sn;
    final int chipPort;
    private final VirtualNetwork net;
    private final HostIo io;
    private DatagramChannel ch; // I/O thread only
    private final ByteBuffer buf = ByteBuffer.allocate(65536);
    /** host endpoint → what the chip sent to (4-byte address, port) and its own address then. */
    private final Map<InetSocketAddress, Object[]> peers = new ConcurrentHashMap<>();

    UdpLink(int sn, int chipPort, VirtualNetwork net, HostIo io) {
        this.sn = sn;
        this.chipPort = chipPort;
        this.net = net;
        this.io = io;
    }

    /** Sends (from the chip thread): the channel work happens on the I/O thread. */
    void send(InetSocketAddress host, byte[] chipIp, byte[] chipDstIp, int chipDstPort, byte[] data, boolean external) {
        peers.put(host, new Object[] { chipDstIp.clone(), chipDstPort, chipIp.clone() });
        io.submit(() -> {
            try {
                if (ch == null) {
                    ch = DatagramChannel.open();
                    ch.bind(new InetSocketAddress(external ? sourceAddressFor(host) : InetAddress.getLoopbackAddress(), 0));
                    ch.configureBlocking(false);
                    io.register(ch, SelectionKey.OP_READ, this);
                }
                ch.send(ByteBuffer.wrap(data), host);
            } catch (IOException | RuntimeException e) {
                net.post(() -> net.emit(new NetworkEvent.Dropped(net.now(), sn, "UDP to " + host + " failed: " + e.getMessage())));
            }
        });
    }

    @Override public void ready(SelectionKey key) throws IOException {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
        if (from == null) return;
        buf.flip();
        byte[] d = new byte[buf.remaining()];
        buf.get(d);
        Object[] peer = peers.get(from);
        if (peer == null) {
            net.post(() -> net.emit(new NetworkEvent.Dropped(net.now(), sn, "UDP from " + from + ", which the chip never sent to")));
            return;
        }
        net.udpFromHost(this, (byte[]) peer[0], (Integer) peer[1], (byte[]) peer[2], from, d);
    }

    @Override public void failed(Exception e) {
        close();
    }

    void close() {
        io.submit(() -> {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // nothing to save
            }
        });
    }

    /**
     * The one local address the host routes {@code host} from (--allow-external only): the
     * socket is bound to that interface, never to the wildcard address.
     */
    private static InetAddress sourceAddressFor(InetSocketAddress host) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(host); // UDP connect sends nothing; it only picks the route
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }
}
