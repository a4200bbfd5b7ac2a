package io.netstep.preflight;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MQTT client on the same broker as the device, with the device's connection settings
 * (host, port, TLS, CA, client certificate, credentials): subscribe to see what the device
 * publishes, publish to the device. MQTT 3.1.1 (HiveMQ client), clean session.
 *
 * <pre>
 * MqttPeer peer = new MqttPeer(settings.copy().clientId("netstep-peer"));   // not the device's client ID (F12)
 * peer.addListener(m -&gt; display.asyncExec(() -&gt; show(m)));
 * peer.connect().thenCompose(x -&gt; peer.subscribe("devices/#", 1));
 * peer.publish("devices/meter-7/cmd", "on".getBytes(UTF_8), 1, false);
 * peer.close();
 * </pre>
 *
 * Thread-safe: every method may be called from any thread; operations return futures that
 * complete when the broker acknowledged (SUBACK, PUBACK for QoS 1, CONNACK) and fail with an
 * exception whose message says what went wrong in plain words. The broker's certificate is
 * checked against the settings' CA (the JDK's CAs without one) and the settings' server name.
 */
public final class MqttPeer implements AutoCloseable {

    private final PreflightSettings settings;
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
    private Mqtt3AsyncClient client;
    private volatile boolean closing;

    /** @throws IllegalArgumentException when the settings are unusable (see {@link PreflightSettings#problems()}) */
    public MqttPeer(PreflightSettings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        this.settings = settings.copy();
    }

    public void addListener(PeerListener l) {
        listeners.add(l);
    }

    public void removeListener(PeerListener l) {
        listeners.remove(l);
    }

    /** Resolves the host, loads the certificates and connects; completes with the CONNACK accepted. */
    public synchronized CompletableFuture<Void> connect() {
        if (client != null && client.getState().isConnectedOrReconnect()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the peer is already connected"));
        }
        closing = false;
        Mqtt3AsyncClient c;
        try {
            Credentials cred = Credentials.load(settings);
            InetAddress ip = settings.address() != null ? settings.address() : InetAddress.getByName(settings.host());
            String expected = settings.expectedServerName();
            c = MqttClients.build(settings, ip, cred, cred.caTrust(), (host, session) -> {
                try {
                    return ServerCertificates.matches((java.security.cert.X509Certificate) session.getPeerCertificates()[0], expected);
                } catch (Exception e) {
                    return false;
                }
            }, settings.clientIdOrFresh("netstep-peer-"), this::disconnected);
        } catch (Credentials.Problem e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage() + ": " + e.fix));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot reach " + settings.host() + ": " + e.getMessage(), e));
        }
        c.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::deliver);
        client = c;
        return c.connect(MqttClients.connect(settings)).handle((ack, err) -> {
            if (err == null) return null;
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException) {
                String[] w = MqttClients.explain(((com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException) cause).getMqttMessage().getReturnCode(), settings);
                throw new java.util.concurrent.CompletionException(new IllegalStateException(w[0] + "; " + w[1], cause));
            }
            throw new java.util.concurrent.CompletionException(new IllegalStateException("cannot connect to " + settings.host() + ":"
                    + settings.port() + ": " + cause.getMessage() + " (run the preflight for the cause)", cause));
        });
    }

    public boolean isConnected() {
        Mqtt3AsyncClient c = client();
        return c != null && c.getState().isConnected();
    }

    /** Subscribes to a topic filter (wildcards allowed); completes when the broker granted it, fails when it refused (SUBACK 0x80). */
    public CompletableFuture<Void> subscribe(String topicFilter, int qos) {
        Mqtt3AsyncClient c = client();
        if (c == null) return notConnected();
        MqttTopicFilter filter;
        MqttQos q;
        try {
            q = qos(qos);
            filter = MqttTopicFilter.of(topicFilter);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'" + topicFilter + "' QoS " + qos + ": " + e.getMessage()));
        }
        return c.subscribeWith().topicFilter(filter).qos(q).send().thenApply(ack -> {
            if (ack.getReturnCodes().get(0) == Mqtt3SubAckReturnCode.FAILURE) {
                throw new IllegalStateException("the broker refused the subscription to " + topicFilter + " (SUBACK 0x80: not allowed for this client)");
            }
            return null;
        });
    }

    public CompletableFuture<Void> unsubscribe(String topicFilter) {
        Mqtt3AsyncClient c = client();
        if (c == null) return notConnected();
        return c.unsubscribeWith().topicFilter(topicFilter).send();
    }

    /** Publishes; completes when sent (QoS 0) or acknowledged by PUBACK (QoS 1). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        Mqtt3AsyncClient c = client();
        if (c == null) return notConnected();
        MqttTopic t;
        MqttQos q;
        try {
            q = qos(qos);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            t = MqttTopic.of(topic);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'" + topic + "' is not a topic to publish to: " + e.getMessage()));
        }
        return c.publishWith().topic(t).qos(q).retain(retain).payload(payload == null ? new byte[0] : payload.clone()).send()
                .thenApply(p -> null);
    }

    /** Sends DISCONNECT; listeners get no connectionLost for it. */
    public CompletableFuture<Void> disconnect() {
        closing = true;
        Mqtt3AsyncClient c = client();
        if (c == null || !c.getState().isConnectedOrReconnect()) return CompletableFuture.completedFuture(null);
        return c.disconnect();
    }

    @Override
    public void close() {
        try {
            disconnect().get(settings.ioTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }

    private synchronized Mqtt3AsyncClient client() {
        return client;
    }

    private static <T> CompletableFuture<T> notConnected() {
        return CompletableFuture.failedFuture(new IllegalStateException("the peer is not connected: call connect() first"));
    }

    private static MqttQos qos(int q) {
        if (q == 0) return MqttQos.AT_MOST_ONCE;
        if (q == 1) return MqttQos.AT_LEAST_ONCE;
        if (q == 2) return MqttQos.EXACTLY_ONCE;
        throw new IllegalArgumentException("QoS " + q + " does not exist: use 0, 1 or 2");
    }

    private void deliver(Mqtt3Publish p) {
        PeerMessage m = new PeerMessage(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain(), Instant.now());
        for (PeerListener l : listeners) {
            try {
                l.message(m);
            } catch (RuntimeException e) {
                // one listener's bug must not starve the others
            }
        }
    }

    private void disconnected(MqttClientDisconnectedContext ctx) {
        if (closing && ctx.getSource() == MqttDisconnectSource.USER) return;
        if (ctx.getSource() == MqttDisconnectSource.USER) return;
        String reason = ctx.getCause() == null ? "connection closed" : String.valueOf(ctx.getCause().getMessage());
        for (PeerListener l : listeners) {
            try {
                l.connectionLost(reason);
            } catch (RuntimeException e) {
                // see deliver
            }
        }
    }
}
