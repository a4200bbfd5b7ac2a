package io.netstep.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 for the chip to reach: it echoes, or sends a fixed greeting
 * and then behaves as told. It records what it received and how the connection ended.
 */
final class LoopbackPeer implements AutoCloseable {

    enum Mode { ECHO, GREET_THEN_READ, GREET_THEN_CLOSE }

    final ServerSocket server;
    final Mode mode;
    final byte[] greeting;
    final AtomicInteger accepted = new AtomicInteger();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** "EOF", "RST: …", "closed" once the connection ended. */
    final CopyOnWriteArrayList<String> endings = new CopyOnWriteArrayList<>();
    private final Thread thread;

    LoopbackPeer(Mode mode, byte[] greeting) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        this.mode = mode;
        this.greeting = greeting;
        thread = new Thread(this::serve, "loopback-peer");
        thread.setDaemon(true);
        thread.start();
    }

    static LoopbackPeer echo() throws IOException {
        return new LoopbackPeer(Mode.ECHO, new byte[0]);
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized byte[] receivedBytes() {
        return received.toByteArray();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                accepted.incrementAndGet();
                s.setTcpNoDelay(true);
                if (greeting.length > 0) {
                    s.getOutputStream().write(greeting);
                    s.getOutputStream().flush();
                }
                if (mode == Mode.GREET_THEN_CLOSE) {
                    s.shutdownOutput();
                }
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (this) { received.write(buf, 0, n); }
                        if (mode == Mode.ECHO) s.getOutputStream().write(buf, 0, n);
                    }
                    endings.add("EOF");
                } catch (IOException e) {
                    endings.add("RST: " + e.getMessage());
                }
            } catch (IOException e) {
                if (!server.isClosed()) endings.add("error: " + e.getMessage());
            }
        }
    }

    @Override public void close() throws IOException {
        server.close();
    }
}
