package io.netstep.session.bridge;

import io.netstep.session.Session;
import io.netstep.session.SessionEvent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Accepts the firmware's shim and serves the bridge protocol (docs/contracts.md) against a
 * {@link Session}. Listens either on a Unix socket in a private 0700 directory (only this
 * user can reach it) or on TCP 127.0.0.1 with a random per-session token checked in HELLO.
 * One firmware at a time is attached; a second one is refused with an ERROR.
 */
public final class BridgeServer implements AutoCloseable {

    private final Session session;
    private final ServerSocketChannel server;
    private final String transport;
    private final String endpoint;
    private final byte[] token;        // null: no token (Unix socket)
    private final Path privateDir;     // null for TCP
    private final Thread acceptor;
    private final List<BridgeConnection> connections = new CopyOnWriteArrayList<>();
    final AtomicReference<BridgeConnection> attached = new AtomicReference<>();
    private volatile boolean closed;

    private BridgeServer(Session session, ServerSocketChannel server, String transport, String endpoint,
                         byte[] token, Path privateDir) {
        this.session = session;
        this.server = server;
        this.transport = transport;
        this.endpoint = endpoint;
        this.token = token;
        this.privateDir = privateDir;
        this.acceptor = new Thread(this::acceptLoop, "netstep-bridge-accept");
        acceptor.setDaemon(true);
    }

    /** A bridge on {@code <new 0700 temp dir>/bridge.sock}. */
    public static BridgeServer unix(Session session) throws IOException {
        Path dir = Files.createTempDirectory("netstep-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path sock = dir.resolve("bridge.sock");
        // also when the JVM ends without close() (signal): deleted in reverse order, socket first
        dir.toFile().deleteOnExit();
        sock.toFile().deleteOnExit();
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(sock));
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(dir);
            throw e;
        }
        return new BridgeServer(session, ch, "unix", "unix:" + sock, null, dir);
    }

    /** A bridge on TCP 127.0.0.1 (a free port) with a fresh random token. */
    public static BridgeServer tcp(Session session) throws IOException {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        byte[] token = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        return new BridgeServer(session, ch, "tcp", "tcp:127.0.0.1:" + port, token, null);
    }

    /** Starts accepting clients. */
    public BridgeServer start() {
        session.record(new SessionEvent.BridgeListening(endpoint));
        acceptor.start();
        return this;
    }

    /** What goes into NETSTEP_TARGET. */
    public String endpoint() {
        return endpoint;
    }

    /** The TCP token (NETSTEP_TOKEN), or null for a Unix socket. Secret: do not log. */
    public String token() {
        return token == null ? null : new String(token, StandardCharsets.US_ASCII);
    }

    /** The environment a firmware process needs to reach this bridge. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NETSTEP_TARGET", endpoint);
        if (token != null) {
            env.put("NETSTEP_TOKEN", token());
        }
        return env;
    }

    public String transport() {
        return transport;
    }

    Session session() {
        return session;
    }

    /** Constant-time token check; any token is fine on a Unix socket (the directory guards it). */
    boolean tokenMatches(byte[] given) {
        if (token == null) {
            return true;
        }
        return java.security.MessageDigest.isEqual(token, given);
    }

    void removed(BridgeConnection c) {
        connections.remove(c);
        attached.compareAndSet(c, null);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    session.record(new SessionEvent.BridgeError("accept failed: " + e.getMessage()));
                }
                return;
            }
            if (closed) {
                closeQuietly(client);
                return;
            }
            BridgeConnection c = new BridgeConnection(this, client);
            connections.add(c);
            c.start();
        }
    }

    /** Stops listening, drops every client, removes the socket and its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (BridgeConnection c : connections) {
            c.close();
        }
        if (privateDir != null) {
            try {
                Files.deleteIfExists(privateDir.resolve("bridge.sock"));
                Files.deleteIfExists(privateDir);
            } catch (IOException e) {
                // best effort: a temp directory left behind is harmless
            }
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
