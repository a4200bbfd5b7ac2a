package io.netstep.cloud;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * AWS IoT Core's MQTT endpoint (port 8883, mutual TLS) on 127.0.0.1, in front of a plain MQTT
 * broker that does the publish/subscribe:
 * <ul>
 * <li>TLS: the ClientHello must carry SNI with the endpoint name, else the connection is closed
 *     without any answer; a client certificate signed by the profile's CA is required;</li>
 * <li>MQTT 3.1.1: every CONNECT / PUBLISH / SUBSCRIBE is checked against the {@link IotPolicy};
 *     a denial closes the TCP connection without a reason, as AWS does; a denied iot:Receive
 *     just does not deliver;</li>
 * <li>keepalive clamped to 30..1200 s, connection closed after 1.5 x keepalive without a packet,
 *     measured on the options' clock (virtual time in a session);</li>
 * <li>QoS 2 PUBLISH / SUBSCRIBE get no PUBACK/SUBACK and are not carried; a Will with QoS 2
 *     closes the connection;</li>
 * <li>a second connection with a client ID in use closes the older one;</li>
 * <li>message broker limits (128 KB payload, 7 slashes and 256 bytes per topic, 8 filters per
 *     SUBSCRIBE, 128-byte client ID) close the connection.</li>
 * </ul>
 * Each decision is a {@link CloudEvent} to the listener and one log line (no secrets).
 * MQTT 5 is passed on but not specially treated: the embedded broker (Moquette 0.17) speaks 3.1.1.
 */
public final class AwsIotEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.netstep.cloud");

    private final AwsIotOptions options;
    private final IotPolicy policy;
    private final SSLContext tls;
    private final int brokerPort;
    private final CloudListener listener;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aws-iot-emulator");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aws-iot-keepalive");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<DeviceConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, DeviceConnection> byClientId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> thingsByCertificate = new ConcurrentHashMap<>();
    private final List<CloudListener> extraListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private AwsIotEmulator(AwsIotOptions options, AwsIotPki pki, int brokerPort, CloudListener listener) throws IOException {
        this.options = options;
        this.policy = options.policy();
        this.tls = pki.serverContext();
        this.brokerPort = brokerPort;
        this.listener = listener == null ? CloudListener.NONE : listener;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        attachThing(pki.device().certificate(), pki.device().thingName());
    }

    /**
     * Starts listening on a free port of 127.0.0.1.
     * @param brokerPort the plain MQTT broker on 127.0.0.1 that carries the messages
     */
    public static AwsIotEmulator start(AwsIotOptions options, AwsIotPki pki, int brokerPort, CloudListener listener) throws IOException {
        AwsIotEmulator e = new AwsIotEmulator(options, pki, brokerPort, listener);
        e.threads.execute(e::acceptLoop);
        e.ticker.scheduleWithFixedDelay(e::checkKeepAlive, 50, 50, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "aws-iot endpoint " + options.endpoint() + " on 127.0.0.1:" + e.port() + ", policy "
                + e.policy.source() + ", broker 127.0.0.1:" + brokerPort);
        return e;
    }

    public int port() { return server.getLocalPort(); }
    public AwsIotOptions options() { return options; }
    public IotPolicy policy() { return policy; }

    /** Attaches a thing to a device certificate (AWS: {@code attach-thing-principal}); the thing name then resolves for it. */
    public void attachThing(X509Certificate certificate, String thingName) {
        thingsByCertificate.computeIfAbsent(key(certificate), k -> ConcurrentHashMap.newKeySet()).add(thingName);
    }

    /** Also tells {@code l} every event (e.g. a test's recorder besides the session). */
    public void addListener(CloudListener l) {
        extraListeners.add(l);
    }

    /** The open device connections by client ID (those past CONNECT). */
    public List<String> connectedClientIds() {
        return new ArrayList<>(byClientId.keySet());
    }

    /**
     * Closes every connection silent for more than 1.5 x its keepalive on the options' clock. Runs
     * every 50 ms of real time on its own; a session or test with a hand-driven clock may call it
     * right after moving the clock.
     */
    public void checkKeepAlive() {
        long now = now();
        for (DeviceConnection c : connections) {
            try {
                c.checkKeepAlive(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "keepalive check failed: " + e);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                DeviceConnection c = new DeviceConnection(this, ids.incrementAndGet(), s);
                connections.add(c);
                threads.execute(c::run);
            } catch (IOException e) {
                if (!closed) LOG.log(System.Logger.Level.WARNING, "aws-iot accept failed: " + e.getMessage());
            } catch (RuntimeException e) {
                if (!closed) LOG.log(System.Logger.Level.WARNING, "aws-iot: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- for DeviceConnection

    long now() {
        return options.clock().getAsLong();
    }

    SSLContext tls() { return tls; }
    /** The plain broker behind the emulator. */
    public int brokerPort() { return brokerPort; }
    void execute(Runnable r) { threads.execute(r); }

    Set<String> thingsOf(X509Certificate cert) {
        return cert == null ? Set.of() : thingsByCertificate.getOrDefault(key(cert), Set.of());
    }

    /** Registers {@code c} under its client ID; returns the connection that had it, or null. */
    DeviceConnection claimClientId(String clientId, DeviceConnection c) {
        DeviceConnection old = byClientId.put(clientId, c);
        return old == c ? null : old;
    }

    void forget(DeviceConnection c) {
        connections.remove(c);
        if (c.clientId() != null) byClientId.remove(c.clientId(), c);
    }

    void emit(CloudEvent e) {
        LOG.log(e.kind() == CloudEvent.Kind.TLS_ACCEPTED || e.kind() == CloudEvent.Kind.CONNECTED || e.kind() == CloudEvent.Kind.CLOSED
                ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, e.toString());
        deliver(listener, e);
        for (CloudListener l : extraListeners) deliver(l, e);
    }

    private static void deliver(CloudListener l, CloudEvent e) {
        try {
            l.event(e);
        } catch (RuntimeException ignored) {
            // a listener's failure must not break the emulator
        }
    }

    private static String key(X509Certificate c) {
        try {
            return Arrays.toString(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    @Override public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (DeviceConnection c : connections) c.shutdown("the emulator stopped");
        ticker.shutdownNow();
        threads.shutdownNow();
    }
}
