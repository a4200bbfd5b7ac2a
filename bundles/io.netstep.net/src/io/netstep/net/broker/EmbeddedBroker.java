package io.netstep.net.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLException;

/**
 * A real MQTT 3.1.1 broker (Moquette) inside the JVM, on a free port of 127.0.0.1 only:
 * plain TCP, TLS, or mutual TLS with the certificates of a {@link TestPki}. In-memory only (no
 * persistence files), no telemetry, anonymous clients allowed (under mutual TLS the handshake
 * is what admits a client).
 */
public final class EmbeddedBroker implements AutoCloseable {

    public enum Security { PLAIN, TLS, MUTUAL_TLS }

    private final Server server;
    private final Security security;
    private final int port;

    private EmbeddedBroker(Server server, Security security, int port) {
        this.server = server;
        this.security = security;
        this.port = port;
    }

    /** A plain broker (no PKI needed). */
    public static EmbeddedBroker startPlain() throws IOException {
        return start(Security.PLAIN, null);
    }

    /**
     * Starts a broker; {@code pki} is needed for TLS and MUTUAL_TLS. Returns once it listens.
     * @throws IOException if it cannot start (with the reason)
     */
    public static EmbeddedBroker start(Security security, TestPki pki) throws IOException {
        if (security != Security.PLAIN && pki == null) throw new IllegalArgumentException(security + " needs a TestPki");
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", security == Security.PLAIN ? "0" : "disabled");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("netty.tcp_nodelay", "true");
        p.setProperty("netty.epoll", "false");
        // Moquette's default (8092 bytes) closes the connection on larger messages; MQTT allows 256 MiB
        p.setProperty("netty.mqtt.message_size", "268435455");
        if (security != Security.PLAIN) {
            p.setProperty("ssl_port", "0");
            p.setProperty("need_client_auth", String.valueOf(security == Security.MUTUAL_TLS));
        }
        SslContext ssl = security == Security.PLAIN ? null : sslContext(pki, security == Security.MUTUAL_TLS);
        // We choose the port and wait until it accepts: Moquette's own report of a bound port
        // (a plain map filled by Netty's thread) was seen never to arrive in a busy JVM.
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            p.setProperty(security == Security.PLAIN ? "port" : "ssl_port", String.valueOf(port));
            Server s = new Server();
            try {
                s.startServer(new MemoryConfig(p), List.of(), () -> ssl, null, null);
            } catch (RuntimeException e) {
                s.stopServer();
                throw new IOException("the embedded broker did not start: " + e.getMessage(), e);
            }
            if (listens(port)) {
                return new EmbeddedBroker(s, security, port);
            }
            s.stopServer();
            if (attempt == 3) {
                throw new IOException("the embedded broker did not listen on 127.0.0.1 (3 ports tried, 10 s each)");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Whether 127.0.0.1:port accepts a connection within 10 s (another process may have taken the port). */
    private static boolean listens(int port) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the embedded broker started", e);
                }
            }
        }
        return false;
    }

    private static SslContext sslContext(TestPki pki, boolean mutual) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(pki.serverKey(), pki.serverCertificate(), pki.caCertificate())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2");
        if (mutual) b.trustManager(pki.caCertificate()).clientAuth(ClientAuth.REQUIRE);
        return b.build();
    }

    /** The port on 127.0.0.1 (TLS port for TLS and MUTUAL_TLS). */
    public int port() {
        return port;
    }

    public Security security() {
        return security;
    }

    /** {@code 127.0.0.1:PORT}, ready for a {@code --map} entry. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public void stop() {
        server.stopServer();
    }

    @Override public void close() {
        stop();
    }
}
