package io.netstep.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One chip TCP socket and the host socket behind it. The I/O-thread half (connect, accept, read,
 * write) lives here; the chip-thread half (what the chip is told, in which order) is in
 * {@link TcpDelivery}. Fields shared by the two threads are guarded by {@code this}.
 */
final class TcpLink implements HostIo.Handler {

    /** Stop reading from the host when this much waits for the chip; resume below LOW_WATER. */
    static final int HIGH_WATER = 64 * 1024, LOW_WATER = 16 * 1024;
    /** Real time between the last write and an RST that follows it (see {@link #endAfterFlush}). */
    static final long RST_GRACE_MS = 20;

    final int sn;
    final VirtualNetwork net;
    final HostIo io;

    // --- I/O thread only
    private SocketChannel ch;
    private ServerSocketChannel server;
    private SelectionKey key;
    private final ByteBuffer readBuf = ByteBuffer.allocate(16 * 1024);

    // --- shared, guarded by this
    private final ArrayDeque<byte[]> in = new ArrayDeque<>();
    private int inHeadOff;
    private long inBuffered;
    private boolean hostEof;
    private String hostError;
    private boolean readPaused;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private boolean shutdownOutputWhenFlushed;
    private boolean abortWhenFlushed, closeWhenFlushed;

    final CompletableFuture<InetSocketAddress> listenAddress = new CompletableFuture<>();

    // --- chip thread only (see TcpDelivery)
    boolean chipConnected;
    boolean windowClosed;
    boolean eofDelivered;
    boolean finished;
    boolean outStopped;
    long deliveredIn;
    long sentOut;
    long nextChunkAt = Long.MIN_VALUE;
    boolean chunkReported;
    Fault chunk, inLimit, outLimit;
    long connectDue;
    /** dst ip, dst port, name, host endpoint: for the Connect event. */
    String[] connectInfo = new String[4];

    TcpLink(int sn, VirtualNetwork net, HostIo io) {
        this.sn = sn;
        this.net = net;
        this.io = io;
    }

    // ---------------------------------------------------------------- I/O thread

    /** Opens a host socket to {@code target} (I/O thread). */
    void startConnect(InetSocketAddress target) {
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (target.getAddress() != null && target.getAddress().isLoopbackAddress())
                ch.bind(new InetSocketAddress("127.0.0.1", 0));
            if (ch.connect(target)) {
                key = io.register(ch, SelectionKey.OP_READ, this);
                net.hostConnected(this, null, false);
            } else {
                key = io.register(ch, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            net.hostConnected(this, e, e instanceof ConnectException);
        }
    }

    /** Listens on 127.0.0.1:{@code hostPort} for one client (I/O thread). */
    void startListen(int chipPort, int hostPort) {
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", hostPort), 1);
            server.configureBlocking(false);
            key = io.register(server, SelectionKey.OP_ACCEPT, this);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            listenAddress.complete(bound);
            net.hostListening(this, chipPort, bound.getPort(), null);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            listenAddress.completeExceptionally(e);
            net.hostListening(this, chipPort, hostPort, e);
        }
    }

    @Override public void ready(SelectionKey k) throws IOException {
        if (k.isAcceptable()) {
            SocketChannel c = server.accept();
            if (c == null) return;
            server.close(); // a W5500 LISTEN socket takes one client and becomes that connection
            server = null;
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch = c;
            key = io.register(ch, SelectionKey.OP_READ, this);
            net.hostAccepted(this, (InetSocketAddress) c.getRemoteAddress());
            return;
        }
        if (k.isConnectable()) {
            try {
                ch.finishConnect();
            } catch (IOException e) {
                closeQuietly();
                net.hostConnected(this, e, e instanceof ConnectException);
                return;
            }
            k.interestOps(SelectionKey.OP_READ | (hasOutput() ? SelectionKey.OP_WRITE : 0));
            net.hostConnected(this, null, false);
            return;
        }
        if (k.isValid() && k.isReadable()) read();
        if (k.isValid() && k.isWritable()) write();
    }

    private void read() throws IOException {
        readBuf.clear();
        int n;
        try {
            n = ch.read(readBuf);
        } catch (IOException e) {
            hostFailed(e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        if (n < 0) {
            synchronized (this) { hostEof = true; }
            interest(SelectionKey.OP_READ, false);
            net.requestDelivery(this);
            return;
        }
        if (n == 0) return;
        byte[] b = new byte[n];
        readBuf.flip();
        readBuf.get(b);
        boolean pause;
        synchronized (this) {
            in.addLast(b);
            inBuffered += n;
            pause = inBuffered >= HIGH_WATER;
            if (pause) readPaused = true;
        }
        if (pause) interest(SelectionKey.OP_READ, false);
        net.requestDelivery(this);
    }

    private void write() throws IOException {
        while (true) {
            ByteBuffer b;
            synchronized (this) { b = out.peekFirst(); }
            if (b == null) break;
            try {
                ch.write(b);
            } catch (IOException e) {
                hostFailed(e.getMessage() == null ? e.toString() : e.getMessage());
                return;
            }
            if (b.hasRemaining()) return; // host window full: wait for OP_WRITE
            synchronized (this) { out.pollFirst(); }
        }
        interest(SelectionKey.OP_WRITE, false);
        boolean shut, abort, close;
        synchronized (this) {
            shut = shutdownOutputWhenFlushed;
            shutdownOutputWhenFlushed = false;
            abort = abortWhenFlushed;
            close = closeWhenFlushed;
        }
        if (abort) {
            // an RST discards what the kernel has not transmitted yet: give the last bytes a moment to leave
            interest(SelectionKey.OP_READ, false);
            io.later(RST_GRACE_MS, this::abort);
            return;
        }
        if (close) {
            closeQuietly();
            return;
        }
        if (shut && ch.isOpen()) {
            try {
                ch.shutdownOutput();
            } catch (IOException ignored) {
                // the peer is gone; reading will tell
            }
        }
    }

    private void hostFailed(String why) {
        synchronized (this) { hostError = why; }
        closeQuietly();
        net.requestDelivery(this);
    }

    private synchronized boolean hasOutput() {
        return !out.isEmpty() || shutdownOutputWhenFlushed || abortWhenFlushed || closeWhenFlushed;
    }

    private void interest(int op, boolean on) {
        if (key == null || !key.isValid()) return;
        int ops = key.interestOps();
        key.interestOps(on ? ops | op : ops & ~op);
    }

    @Override public void failed(Exception e) {
        hostFailed(e.toString());
    }

    void closeQuietly() {
        try {
            if (key != null) key.cancel();
            if (ch != null) ch.close();
            if (server != null) server.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }

    /** RST to the host: SO_LINGER 0 then close (I/O thread). */
    void abort() {
        try {
            if (ch != null && ch.isOpen()) ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly();
    }

    // ---------------------------------------------------------------- called from the chip thread

    void send(byte[] data) {
        synchronized (this) { out.addLast(ByteBuffer.wrap(data)); }
        io.submit(() -> {
            if (ch != null && ch.isOpen() && ch.isConnected()) interest(SelectionKey.OP_WRITE, true);
        });
    }

    void shutdownOutput() {
        synchronized (this) { shutdownOutputWhenFlushed = true; }
        io.submit(() -> {
            if (ch != null && ch.isOpen() && ch.isConnected()) interest(SelectionKey.OP_WRITE, true);
        });
    }

    /**
     * Ends the host connection once what the chip sent before has gone out (the chip raised
     * SENDOK for it, so on a real wire it would have left): RST if {@code reset}, else a close.
     */
    void endAfterFlush(boolean reset) {
        synchronized (this) {
            if (reset) abortWhenFlushed = true;
            else closeWhenFlushed = true;
        }
        io.submit(() -> {
            if (ch != null && ch.isOpen() && ch.isConnected()) interest(SelectionKey.OP_WRITE, true);
            else if (reset) abort();
            else closeQuietly();
        });
    }

    /** The oldest inbound piece not fully taken by the chip (from {@link #headOffset}), or null; it stays queued until {@link #consume}. */
    synchronized byte[] peekIn() {
        return in.peekFirst();
    }

    synchronized int headOffset() {
        return inHeadOff;
    }

    synchronized void consume(int n) {
        byte[] head = in.peekFirst();
        if (head == null) return;
        inHeadOff += n;
        inBuffered -= n;
        if (inHeadOff >= head.length) {
            in.pollFirst();
            inHeadOff = 0;
        }
        if (readPaused && inBuffered <= LOW_WATER) {
            readPaused = false;
            io.submit(() -> interest(SelectionKey.OP_READ, true));
        }
    }

    synchronized long held() {
        return inBuffered;
    }

    synchronized boolean hostEof() {
        return hostEof;
    }

    synchronized String hostError() {
        return hostError;
    }
}
