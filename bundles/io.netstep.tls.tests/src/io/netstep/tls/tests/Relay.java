package io.netstep.tls.tests;

import io.netstep.tls.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/** A one-connection TCP relay on 127.0.0.1 that records both directions into a {@link Capture}. */
final class Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    final Capture capture = new Capture();
    private Thread acceptor;
    private final Thread[] pumps = new Thread[2];
    private volatile IOException failure;

    Relay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return listener.getLocalPort();
    }

    void start() {
        acceptor = new Thread(() -> {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pumps[0] = pump(client, server, Direction.CLIENT_TO_SERVER);
                pumps[1] = pump(server, client, Direction.SERVER_TO_CLIENT);
            } catch (IOException e) {
                failure = e;
            }
        }, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private Thread pump(Socket from, Socket to, Direction d) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    capture.add(d, Arrays.copyOf(buf, n));
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the peer reset or closed: the capture holds what went through
                try {
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "relay-" + d.shortName());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until both directions have ended (bounded, so a stuck peer fails the test instead of hanging). */
    Capture await() throws Exception {
        acceptor.join(20000);
        if (failure != null) {
            throw failure;
        }
        for (Thread t : pumps) {
            if (t != null) {
                t.join(20000);
            }
        }
        return capture;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
