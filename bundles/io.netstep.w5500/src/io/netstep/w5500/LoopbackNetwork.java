package io.netstep.w5500;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The simplest network behind the chip: the chip's destination IP is used as a host address,
 * and only loopback (127.0.0.0/8) is reached, so tests run real TCP and UDP against
 * 127.0.0.1. A connect to any other address is never answered (the chip times out), a
 * datagram to any other address (broadcasts included) is dropped. LISTEN binds the socket's
 * own port on 127.0.0.1 and takes one connection, as a W5500 LISTEN socket does.
 * <p>
 * All socket work happens on one selector thread; HostEvents are delivered from it (the
 * chip is synchronized). Calls from the chip only queue work, so they never re-enter it.
 * TCP data the chip does not take (RX buffer full) is held, reading stops, and it is offered
 * again on {@link #rxWindowOpened}: the host TCP window does the flow control.
 */
public final class LoopbackNetwork implements HostNetwork, AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile HostEvents chip;
    private volatile boolean running = true;
    private volatile String lastError;

    // selector thread only
    private final Conn[] conns = new Conn[8];
    private final ServerSocketChannel[] listeners = new ServerSocketChannel[8];
    private final DatagramChannel[] udp = new DatagramChannel[8];

    private static final class Conn {
        final int sn;
        final SocketChannel ch;
        SelectionKey key;
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean finPending;
        ByteBuffer held;
        boolean eof;
        boolean eofDelivered;

        Conn(int sn, SocketChannel ch) {
            this.sn = sn;
            this.ch = ch;
        }
    }

    public LoopbackNetwork() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, "netstep-loopback-network");
        thread.setDaemon(true);
        thread.start();
    }

    /** The chip that receives this network's events. */
    public void attach(HostEvents chip) {
        this.chip = chip;
    }

    /** The last host socket error (bind failures and the like), for diagnostics; null if none. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Runnable r) {
        tasks.add(r);
        selector.wakeup();
    }

    // ---------------------------------------------------------------- HostNetwork (chip → network)

    @Override
    public void tcpConnect(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort) {
        byte[] dst = dstIp.clone();
        post(() -> doConnect(sn, dst, dstPort));
    }

    @Override
    public void tcpListen(int sn, int port) {
        post(() -> doListen(sn, port));
    }

    @Override
    public void tcpSend(int sn, byte[] data) {
        byte[] copy = data.clone();
        post(() -> {
            Conn c = conns[sn];
            if (c != null) {
                c.out.add(ByteBuffer.wrap(copy));
                flush(c);
            }
        });
    }

    @Override
    public void tcpDisconnect(int sn) {
        post(() -> {
            Conn c = conns[sn];
            if (c != null) {
                c.finPending = true;
                flush(c);
            }
        });
    }

    @Override
    public void close(int sn) {
        post(() -> dropAll(sn));
    }

    @Override
    public void rxWindowOpened(int sn) {
        post(() -> {
            Conn c = conns[sn];
            if (c != null) {
                deliver(c);
            }
        });
    }

    @Override
    public void udpOpen(int sn, int port) {
        post(() -> doUdpOpen(sn, port));
    }

    @Override
    public void udpSend(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, byte[] data) {
        byte[] dst = dstIp.clone();
        byte[] copy = data.clone();
        post(() -> doUdpSend(sn, dst, dstPort, copy));
    }

    // ---------------------------------------------------------------- selector thread

    private void loop() {
        while (running) {
            try {
                selector.select(1000);
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    handle(k);
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                lastError = e.toString();
            }
        }
        for (int sn = 0; sn < 8; sn++) {
            dropAll(sn);
        }
        try {
            selector.close();
        } catch (IOException e) {
            lastError = e.toString();
        }
    }

    private void handle(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        Object a = k.attachment();
        if (a instanceof Conn) {
            Conn c = (Conn) a;
            if (k.isConnectable()) {
                finishConnect(c);
            } else {
                if (k.isValid() && k.isWritable()) {
                    flush(c);
                }
                if (k.isValid() && k.isReadable()) {
                    read(c);
                }
            }
        } else if (a instanceof Integer && k.channel() instanceof ServerSocketChannel) {
            accept((Integer) a);
        } else if (a instanceof Integer) {
            udpReceive((Integer) a);
        }
    }

    private void doConnect(int sn, byte[] dst, int port) {
        dropAll(sn);
        if ((dst[0] & 0xFF) != 127) {
            return; // not loopback: nobody answers, the chip's TCPTO runs out
        }
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.bind(new InetSocketAddress(LOOPBACK, 0));
            Conn c = new Conn(sn, ch);
            conns[sn] = c;
            if (ch.connect(new InetSocketAddress(InetAddress.getByAddress(dst), port))) {
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                chip().tcpConnected(sn);
            } else {
                c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (ConnectException e) {
            dropAll(sn);
            chip().tcpRefused(sn);
        } catch (IOException e) {
            lastError = "connect: " + e;
            dropAll(sn);
        }
    }

    private void finishConnect(Conn c) {
        try {
            c.ch.finishConnect();
            c.key.interestOps(SelectionKey.OP_READ | (c.out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            chip().tcpConnected(c.sn);
        } catch (ConnectException e) {
            dropAll(c.sn);
            chip().tcpRefused(c.sn);
        } catch (IOException e) {
            lastError = "connect: " + e;
            dropAll(c.sn); // unreachable and the like: no answer, the chip times out
        }
    }

    private void doListen(int sn, int port) {
        dropAll(sn);
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            s.configureBlocking(false);
            s.register(selector, SelectionKey.OP_ACCEPT, sn);
            listeners[sn] = s;
        } catch (IOException e) {
            lastError = "listen on 127.0.0.1:" + port + ": " + e;
        }
    }

    private void accept(int sn) {
        ServerSocketChannel s = listeners[sn];
        if (s == null) {
            return;
        }
        try {
            SocketChannel ch = s.accept();
            if (ch == null) {
                return;
            }
            closeQuietly(s); // a W5500 LISTEN socket takes exactly one connection
            listeners[sn] = null;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(sn, ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            conns[sn] = c;
            InetSocketAddress peer = (InetSocketAddress) ch.getRemoteAddress();
            chip().tcpAccepted(sn, peer.getAddress().getAddress(), peer.getPort());
        } catch (IOException e) {
            lastError = "accept: " + e;
        }
    }

    private void flush(Conn c) {
        if (c.key == null || !c.ch.isConnected()) {
            return;
        }
        try {
            while (!c.out.isEmpty()) {
                ByteBuffer b = c.out.peek();
                c.ch.write(b);
                if (b.hasRemaining()) {
                    break;
                }
                c.out.poll();
            }
            if (c.out.isEmpty() && c.finPending) {
                c.finPending = false;
                c.ch.shutdownOutput();
            }
            int ops = c.key.interestOps();
            c.key.interestOps(c.out.isEmpty() ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            reset(c);
        }
    }

    private void read(Conn c) {
        if (c.held != null && c.held.hasRemaining()) {
            deliver(c);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(16 * 1024);
        try {
            int n = c.ch.read(b);
            if (n < 0) {
                c.eof = true;
            } else {
                b.flip();
                c.held = b;
            }
            deliver(c);
        } catch (IOException e) {
            reset(c);
        }
    }

    /** Offers held data to the chip; reading pauses while the chip's RX buffer is full. */
    private void deliver(Conn c) {
        if (conns[c.sn] != c || !c.key.isValid()) {
            return;
        }
        if (c.held != null && c.held.hasRemaining()) {
            int taken = chip().tcpData(c.sn, c.held.array(), c.held.position(), c.held.remaining());
            c.held.position(c.held.position() + Math.max(0, Math.min(taken, c.held.remaining())));
            if (c.held.hasRemaining()) {
                c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_READ);
                return;
            }
        }
        if (c.eof) {
            c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_READ);
            if (!c.eofDelivered) {
                c.eofDelivered = true;
                chip().tcpPeerClosed(c.sn);
            }
        } else {
            c.key.interestOps(c.key.interestOps() | SelectionKey.OP_READ);
        }
    }

    private void reset(Conn c) {
        if (conns[c.sn] == c) {
            conns[c.sn] = null;
            closeQuietly(c.ch);
            chip().tcpReset(c.sn);
        }
    }

    private void doUdpOpen(int sn, int port) {
        dropAll(sn);
        try {
            DatagramChannel d = DatagramChannel.open();
            d.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            d.bind(new InetSocketAddress(LOOPBACK, port));
            d.configureBlocking(false);
            d.register(selector, SelectionKey.OP_READ, sn);
            udp[sn] = d;
        } catch (IOException e) {
            lastError = "UDP bind 127.0.0.1:" + port + ": " + e;
        }
    }

    private void doUdpSend(int sn, byte[] dst, int port, byte[] data) {
        DatagramChannel d = udp[sn];
        if (d == null || (dst[0] & 0xFF) != 127) {
            return; // not loopback (or a broadcast): nobody on this network hears it
        }
        try {
            d.send(ByteBuffer.wrap(data), new InetSocketAddress(InetAddress.getByAddress(dst), port));
        } catch (IOException e) {
            lastError = "UDP send: " + e;
        }
    }

    private void udpReceive(int sn) {
        DatagramChannel d = udp[sn];
        if (d == null) {
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.allocate(65536);
            InetSocketAddress from;
            while ((from = (InetSocketAddress) d.receive(b)) != null) {
                b.flip();
                byte[] data = Arrays.copyOf(b.array(), b.limit());
                byte[] src = from.getAddress() instanceof Inet4Address ? from.getAddress().getAddress()
                        : new byte[] {127, 0, 0, 1};
                chip().udpData(sn, src, from.getPort(), LOOPBACK.getAddress(), data);
                b.clear();
            }
        } catch (IOException e) {
            lastError = "UDP receive: " + e;
        }
    }

    private void dropAll(int sn) {
        Conn c = conns[sn];
        conns[sn] = null;
        if (c != null) {
            if (!c.eofDelivered || c.ch.socket().isOutputShutdown() == false) {
                try {
                    c.ch.setOption(StandardSocketOptions.SO_LINGER, 0); // still open: RST
                } catch (IOException e) {
                    // closing anyway
                }
            }
            closeQuietly(c.ch);
        }
        if (listeners[sn] != null) {
            closeQuietly(listeners[sn]);
            listeners[sn] = null;
        }
        if (udp[sn] != null) {
            closeQuietly(udp[sn]);
            udp[sn] = null;
        }
    }

    private HostEvents chip() {
        HostEvents c = chip;
        return c != null ? c : NO_CHIP;
    }

    private static void closeQuietly(SelectableChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static final HostEvents NO_CHIP = new HostEvents() {
        public void tcpConnected(int sn) { }
        public void tcpRefused(int sn) { }
        public void tcpAccepted(int sn, byte[] ip, int port) { }
        public int tcpData(int sn, byte[] d, int off, int len) { return 0; }
        public void tcpPeerClosed(int sn) { }
        public void tcpReset(int sn) { }
        public void udpData(int sn, byte[] ip, int port, byte[] d) { }
    };
}
