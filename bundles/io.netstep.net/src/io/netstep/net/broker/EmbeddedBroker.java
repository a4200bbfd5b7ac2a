package io.netstep.net.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
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
        Server s = new Server();
        SslContext ssl = security == Security.PLAIN ? null : sslContext(pki, security == Security.MUTUAL_TLS);
        try {
            s.startServer(new MemoryConfig(p), List.of(), () -> ssl, null, null);
        } catch (RuntimeException e) {
            s.stopServer();
            throw new IOException("the embedded broker did not start: " + e.getMessage(), e);
        }
        int port = awaitPort(s, security);
        return new EmbeddedBroker(s, security, port);
    }

    private static SslContext sslContext(TestPki pki, boolean mutual) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(pki.serverKey(), pki.serverCertificate(), pki.caCertificate())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2");
        if (mutual) b.trustManager(pki.caCertificate()).clientAuth(ClientAuth.REQUIRE);
        return b.build();
    }

    /** Moquette binds asynchronously and reports the port once bound. */
    private static int awaitPort(Server s, Security security) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            int port;
            try {
                port = security == Security.PLAIN ? s.getPort() : s.getSslPort();
            } catch (java.util.ConcurrentModificationException e) {
                port = 0; // Moquette reads its port map while Netty's thread still fills it: ask again
            }
            if (port > 0) return port;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        s.stopServer();
        throw new IOException("the embedded broker did not bind a port within 10 s");
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
