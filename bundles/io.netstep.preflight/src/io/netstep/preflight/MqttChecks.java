package io.netstep.preflight;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.exceptions.MqttSessionExpiredException;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;

import java.io.Closeable;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import javax.net.ssl.TrustManagerFactory;

/** The MQTT checks on one HiveMQ client: CONNECT, SUBSCRIBE, PUBLISH at QoS 0 and 1 and receive, keepalive. */
final class MqttChecks implements Closeable {

    private final PreflightSettings s;
    private final Mqtt3AsyncClient client;
    private final LinkedBlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();
    private final String topic;
    private final String clientId;
    private boolean connected;

    /**
     * @param serverLeaf the certificate the TLS checks already judged; the MQTT connection trusts
     *                   exactly it, so a problem found there is not reported twice
     */
    MqttChecks(PreflightSettings s, InetAddress ip, Credentials cred, X509Certificate serverLeaf, Consumer<Closeable> register) {
        this.s = s;
        this.topic = s.testTopic();
        TrustManagerFactory trust = s.tls() ? pinned(serverLeaf) : null;
        this.clientId = s.clientIdOrFresh("netstep-preflight-");
        this.client = MqttClients.build(s, ip, cred, trust, (host, session) -> true, clientId, null);
        register.accept(this);
    }

    private static TrustManagerFactory pinned(X509Certificate leaf) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("broker", leaf);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException("cannot pin the broker's certificate: " + e.getMessage(), e);
        }
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(s.ioTimeoutMillis() + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } finally {
            f.cancel(false);
        }
    }

    /**
     * Checked with instanceof, not a multi-catch: javac types a multi-catch variable as the common
     * superclass, here one in a HiveMQ package its bundle does not export, which OSGi then cannot load.
     */
    private static boolean closedByBroker(Exception e) {
        return e instanceof ConnectionClosedException || e instanceof MqttSessionExpiredException;
    }

    StepResult connect() {
        try {
            Mqtt3ConnAck ack = await(client.connect(MqttClients.connect(s)));
            connected = true;
            return StepResult.ok(Check.MQTT_CONNECT, "CONNACK 0 (accepted) for client ID " + client.getConfig().getClientIdentifier()
                    .map(Object::toString).orElse("(assigned)") + (s.username() != null ? ", user " + s.username() : "")
                    + (ack.isSessionPresent() ? ", session present" : ""));
        } catch (Mqtt3ConnAckException e) {
            String[] w = MqttClients.explain(e.getMqttMessage().getReturnCode(), s);
            return StepResult.failed(Check.MQTT_CONNECT, w[0], w[0], w[1]);
        } catch (ConnectionClosedException e) {
            return StepResult.failed(Check.MQTT_CONNECT, "the broker closed the connection instead of a CONNACK",
                    "the broker closed the connection in answer to CONNECT without a reason: a policy or ACL refusing client ID '"
                            + clientId + "' (AWS IoT: iot:Connect), a client ID in use elsewhere" + (s.tls() ? "" : ", or a TLS port getting plain MQTT"),
                    "check the broker's policy for this client ID" + (s.tls() ? "" : " and whether the port expects TLS"));
        } catch (ConnectionFailedException e) {
            return StepResult.failed(Check.MQTT_CONNECT, "could not connect: " + e.getMessage(), "the connection failed before CONNECT: " + e.getMessage(),
                    "see the TCP and TLS checks");
        } catch (TimeoutException e) {
            return StepResult.failed(Check.MQTT_CONNECT, "no CONNACK within " + s.ioTimeoutMillis() + " ms",
                    "the broker did not answer CONNECT" + (s.tls() ? "" : ": if this port expects TLS it waits for a ClientHello"),
                    s.tls() ? "check the broker's log" : "turn TLS on if the port is a TLS port (8883)");
        } catch (Exception e) {
            return StepResult.failed(Check.MQTT_CONNECT, "CONNECT failed: " + e, "CONNECT failed: " + e, "check the broker's log");
        }
    }

    StepResult subscribe() {
        try {
            Mqtt3SubAck ack = await(client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).callback(received::add).send());
            Mqtt3SubAckReturnCode code = ack.getReturnCodes().get(0);
            if (code == Mqtt3SubAckReturnCode.FAILURE) return subscribeRefused();
            if (code == Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_0) {
                return StepResult.warning(Check.MQTT_SUBSCRIBE, "subscribed to " + topic + " with QoS 0 only",
                        "the broker granted QoS 0 for a QoS 1 subscription", "do not rely on QoS 1 delivery to the device");
            }
            return StepResult.ok(Check.MQTT_SUBSCRIBE, "SUBACK for " + topic + " granted QoS " + code.getCode());
        } catch (Mqtt3SubAckException e) {
            return subscribeRefused();
        } catch (Exception e) {
            if (closedByBroker(e)) {
                return StepResult.failed(Check.MQTT_SUBSCRIBE, "the broker closed the connection after SUBSCRIBE " + topic,
                        "the broker dropped the connection in answer to SUBSCRIBE: on AWS IoT the policy forbids this topic filter (F11)",
                        "subscribe to a topic the policy allows (AWS IoT: iot:Subscribe on topicfilter/...)");
            }
            if (e instanceof TimeoutException) {
                return StepResult.failed(Check.MQTT_SUBSCRIBE, "no SUBACK within " + s.ioTimeoutMillis() + " ms", "the broker did not answer SUBSCRIBE", "check the broker's log");
            }
            return StepResult.failed(Check.MQTT_SUBSCRIBE, "SUBSCRIBE failed: " + e, "SUBSCRIBE failed: " + e, "check the broker's log");
        }
    }

    private StepResult subscribeRefused() {
        return StepResult.failed(Check.MQTT_SUBSCRIBE, "the broker refused the subscription to " + topic + " (SUBACK 0x80)",
                "the broker's ACL or policy does not let this client subscribe to " + topic,
                "use a topic this client may subscribe to (--topic), or allow it in the broker's ACL");
    }

    StepResult publish(Check check, MqttQos qos) {
        String nonce = "netstep-preflight " + qos + " " + UUID.randomUUID();
        byte[] payload = nonce.getBytes(StandardCharsets.UTF_8);
        try {
            await(client.publishWith().topic(topic).qos(qos).payload(payload).send());
            long deadline = System.nanoTime() + s.ioTimeoutMillis() * 1_000_000L;
            while (true) {
                long left = deadline - System.nanoTime();
                Mqtt3Publish p = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (p == null) {
                    return StepResult.failed(check, "published, but it did not come back within " + s.ioTimeoutMillis() + " ms",
                            "the broker took the " + qos + " PUBLISH to " + topic + " but did not deliver it to the subscription:"
                                    + " its ACL lets this client publish there but not receive (AWS IoT: iot:Receive)",
                            "allow this client to read " + topic + ", or pick another --topic");
                }
                if (Arrays.equals(p.getPayloadAsBytes(), payload)) {
                    return StepResult.ok(check, (qos == MqttQos.AT_LEAST_ONCE ? "PUBACK received, " : "") + "own message received on " + topic
                            + " (QoS " + p.getQos().getCode() + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.skipped(check, "interrupted");
        } catch (Exception e) {
            if (closedByBroker(e)) {
                return StepResult.failed(check, "the broker closed the connection after PUBLISH to " + topic,
                        "the broker dropped the connection in answer to PUBLISH: on AWS IoT the policy forbids publishing to this topic (F11)",
                        "publish to a topic the policy allows (AWS IoT: iot:Publish on topic/...; topics usually contain the thing name)");
            }
            if (e instanceof TimeoutException) {
                return StepResult.failed(check, "no PUBACK within " + s.ioTimeoutMillis() + " ms", "the broker did not acknowledge the QoS 1 PUBLISH", "check the broker's log");
            }
            return StepResult.failed(check, "PUBLISH failed: " + e, "PUBLISH failed: " + e, "check the broker's log");
        }
    }

    StepResult keepAlive() {
        int k = s.keepAliveSeconds();
        if (!client.getState().isConnected()) {
            return StepResult.failed(Check.KEEPALIVE, "the broker dropped the connection during the checks",
                    "the connection with keepalive " + k + " s did not stay up", "check the broker's log for the reason");
        }
        if (k == 0) {
            return StepResult.warning(Check.KEEPALIVE, "keepalive 0 accepted: off",
                    "with keepalive 0 neither side notices a dead connection (a W5500 unplugged, a NAT timeout)",
                    "use 30..1200 s and call MQTTYield often enough to send PINGREQ in time");
        }
        if (k > 1200 || k < 30) {
            return StepResult.warning(Check.KEEPALIVE, "keepalive " + k + " s accepted by this broker",
                    "AWS IoT clamps keepalive to 30..1200 s; other brokers may too", "use a keepalive between 30 and 1200 s");
        }
        return StepResult.ok(Check.KEEPALIVE, "keepalive " + k + " s accepted (CONNACK 0, connection still up): PINGREQ at least every " + k
                + " s, the broker closes after " + (k * 3 / 2) + " s of silence");
    }

    @Override
    public void close() {
        try {
            if (connected) client.disconnect().get(s.ioTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // already gone
        }
    }
}
