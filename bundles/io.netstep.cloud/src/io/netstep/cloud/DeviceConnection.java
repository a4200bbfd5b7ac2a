package io.netstep.cloud;

import io.netstep.cloud.CloudEvent.Kind;
import io.netstep.cloud.IotPolicy.Action;
import io.netstep.cloud.IotPolicy.Decision;
import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttPacketType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One device connection through the emulator: TLS checks, then MQTT packets from the device are
 * checked one by one and passed to the broker, and the broker's packets passed back (minus the
 * messages iot:Receive does not allow). Two threads: device to broker (this one) and broker to
 * device.
 */
final class DeviceConnection {

    private static final int HELLO_TIMEOUT_MS = 30_000;

    private final AwsIotEmulator emu;
    private final AwsIotOptions opt;
    private final int id;
    private final Socket raw;
    private final String peer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MqttConnection mqtt;

    private SSLSocket tls;
    private Socket broker;
    private OutputStream toBroker;
    private OutputStream toDevice;
    private volatile String clientId;
    private String thingName;
    private String commonName;
    private volatile boolean connected;
    private volatile long lastPacket;
    private volatile long keepAliveNanos;
    private int keepAliveInForce;

    DeviceConnection(AwsIotEmulator emu, int id, Socket raw) {
        this.emu = emu;
        this.opt = emu.options();
        this.id = id;
        this.raw = raw;
        this.peer = raw.getInetAddress().getHostAddress() + ":" + raw.getPort();
        // packets larger than a PUBLISH within the limits are not kept, only counted
        this.mqtt = new MqttConnection(0, opt.maxPayloadBytes() + 2 + 65535 + 16);
    }

    String clientId() {
        return clientId;
    }

    // ---------------------------------------------------------------- device → broker

    void run() {
        try {
            if (!handshake()) return;
            broker = new Socket(InetAddress.getLoopbackAddress(), emu.brokerPort());
            broker.setTcpNoDelay(true);
            toBroker = broker.getOutputStream();
            toDevice = tls.getOutputStream();
            emu.execute(this::brokerToDevice);
            InputStream in = tls.getInputStream();
            byte[] buf = new byte[16384];
            while (!closed.get()) {
                int n = in.read(buf);
                if (n < 0) {
                    shutdown("the device closed the connection");
                    return;
                }
                for (MqttPacket p : mqtt.decoder(Direction.CLIENT_TO_SERVER).feed(buf, 0, n)) {
                    if (closed.get()) return;
                    fromDevice(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            shutdown(closed.get() ? null : "device side: " + e.getMessage());
        }
    }

    /** Peeks at the ClientHello for SNI, then runs the TLS handshake with a required client certificate. */
    private boolean handshake() throws IOException {
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(HELLO_TIMEOUT_MS);
        ClientHelloPeek.Result hello = ClientHelloPeek.read(raw.getInputStream());
        if (!hello.tls()) {
            refuse(Kind.NOT_TLS, hello.problem() + "; the endpoint only speaks TLS (port 8883 needs TLS with SNI and a client certificate)");
            return false;
        }
        if (!hello.complete()) {
            refuse(Kind.HANDSHAKE_FAILED, hello.problem());
            return false;
        }
        if (hello.sni() == null) {
            refuse(Kind.SNI_MISSING, "ClientHello without server_name: AWS IoT refuses connections without SNI; "
                    + "the device must send the endpoint name " + opt.endpoint());
            return false;
        }
        if (!hello.sni().toLowerCase(Locale.ROOT).equals(opt.endpoint())) {
            refuse(Kind.SNI_MISMATCH, "ClientHello server_name '" + hello.sni() + "' is not this account's endpoint " + opt.endpoint());
            return false;
        }
        raw.setSoTimeout(0);
        tls = (SSLSocket) emu.tls().getSocketFactory().createSocket(raw, new ByteArrayInputStream(hello.bytes()), true);
        tls.setUseClientMode(false);
        tls.setNeedClientAuth(true);
        tls.setEnabledProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Empty client certificate chain") || m.contains("certificate_required"))
                refuse(Kind.CLIENT_CERT_MISSING, "the device sent no client certificate; AWS IoT requires mutual TLS on 8883 (" + m + ")");
            else if (m.contains("PKIX") || m.contains("certification path") || m.contains("certificate_unknown") || m.contains("bad_certificate"))
                refuse(Kind.CLIENT_CERT_REJECTED, "the client certificate is not signed by the profile's CA (" + m + ")");
            else
                refuse(Kind.HANDSHAKE_FAILED, m);
            return false;
        }
        SSLSession s = tls.getSession();
        X509Certificate cert = null;
        try {
            Certificate[] chain = s.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) cert = x;
        } catch (SSLException e) {
            // no peer certificate: cannot happen with need-client-auth, handled as no thing
        }
        commonName = cert == null ? null : commonName(cert);
        Set<String> things = emu.thingsOf(cert);
        emit(Kind.TLS_ACCEPTED, null, null, "SNI " + hello.sni() + ", " + s.getProtocol() + " " + s.getCipherSuite()
                + ", client certificate " + (cert == null ? "none" : cert.getSubjectX500Principal().getName())
                + ", things attached: " + (things.isEmpty() ? "none" : String.join(",", things)));
        return true;
    }

    private void refuse(Kind kind, String detail) {
        emit(kind, null, null, detail);
        shutdown(null);
    }

    private void fromDevice(MqttPacket p) throws IOException {
        lastPacket = emu.now();
        MqttPacketType t = p.type();
        if (!connected && t != MqttPacketType.CONNECT) {
            emit(Kind.CLOSED, null, null, "the first packet is " + t + ", not CONNECT: connection closed");
            shutdown(null);
            return;
        }
        switch (t) {
            case CONNECT -> onConnect(p);
            case PUBLISH -> onPublish(p);
            case SUBSCRIBE -> onSubscribe(p);
            case DISCONNECT -> {
                toBroker(p.bytes());
                shutdown("the device sent DISCONNECT");
            }
            default -> toBroker(p.bytes());
        }
    }

    private void onConnect(MqttPacket p) throws IOException {
        if (connected) {
            emit(Kind.CLOSED, clientId, null, "a second CONNECT on the connection: closed (MQTT-3.1.0-2)");
            shutdown(null);
            return;
        }
        String id = p.clientId() == null ? "" : p.clientId();
        clientId = id;
        if (id.getBytes(StandardCharsets.UTF_8).length > opt.maxClientIdBytes()) {
            limit(null, "client ID longer than " + opt.maxClientIdBytes() + " bytes");
            return;
        }
        thingName = emu.thingsOf(peerCertificate()).contains(id) ? id : null;
        Decision d = policy(Action.CONNECT, "client/" + id);
        if (!d.allowed()) {
            emit(Kind.CONNECT_DENIED, id, null, d.rule(), "iot:Connect denied: connection closed without CONNACK");
            shutdown(null);
            return;
        }
        byte[] b = p.bytes();
        int h = p.headerLength();
        int nameLen = ((b[h] & 0xFF) << 8) | (b[h + 1] & 0xFF);
        int flagsAt = h + 2 + nameLen + 1;
        if (flagsAt + 2 >= b.length) {
            emit(Kind.CLOSED, id, null, "CONNECT too short to carry its Keep Alive: closed");
            shutdown(null);
            return;
        }
        int willQos = (b[flagsAt] >> 3) & 3;
        if ((b[flagsAt] & 0x04) != 0 && willQos == 2) {
            emit(Kind.QOS2_REFUSED, id, null, null, "the Will has QoS 2, which AWS IoT does not support: connection closed");
            shutdown(null);
            return;
        }
        DeviceConnection older = emu.claimClientId(id, this);
        if (older != null) older.takenBy(this);
        int requested = ((b[flagsAt + 1] & 0xFF) << 8) | (b[flagsAt + 2] & 0xFF);
        keepAliveInForce = opt.effectiveKeepAlive(requested);
        keepAliveNanos = keepAliveInForce * 1_000_000_000L;
        lastPacket = emu.now();
        connected = true;
        // the emulator enforces keepalive on the session's clock; the broker must not do it in real time
        b[flagsAt + 1] = 0;
        b[flagsAt + 2] = 0;
        emit(Kind.CONNECTED, id, null, d.rule(), "MQTT level " + p.protocolLevel() + ", keepalive requested " + requested
                + " s, in force " + keepAliveInForce + " s (AWS IoT: 0 means " + opt.keepAliveMaxSeconds() + ", bounds "
                + opt.keepAliveMinSeconds() + ".." + opt.keepAliveMaxSeconds() + "); closed after " + (keepAliveInForce * 3 / 2.0)
                + " s without a packet" + (thingName == null ? "; no thing named '" + id + "' attached to the certificate" : "")
                + (p.protocolLevel() == 5 ? "; MQTT 5: the embedded broker speaks 3.1.1 only" : ""));
        toBroker(b);
    }

    private void onPublish(MqttPacket p) throws IOException {
        if (!p.bodyKept()) {
            limit(null, "PUBLISH of " + p.length() + " bytes: the payload limit is " + opt.maxPayloadBytes() + " bytes");
            return;
        }
        String topic = p.topic();
        byte[] payload = p.payload();
        if (topic == null) {
            emit(Kind.CLOSED, clientId, null, "PUBLISH without a readable Topic Name: closed");
            shutdown(null);
            return;
        }
        if (payload != null && payload.length > opt.maxPayloadBytes()) {
            limit(topic, "payload of " + payload.length + " bytes: the limit is " + opt.maxPayloadBytes() + " bytes");
            return;
        }
        if (!topicWithinLimits(topic, "topic")) return;
        if (p.qos() == 2) {
            emit(Kind.QOS2_REFUSED, clientId, topic, null, "PUBLISH with QoS 2 (packet id " + p.packetId()
                    + "): AWS IoT does not support QoS 2, sends no PUBREC/PUBACK and does not deliver the message");
            return;
        }
        Decision d = policy(Action.PUBLISH, "topic/" + topic);
        if (!d.allowed()) {
            emit(Kind.PUBLISH_DENIED, clientId, topic, d.rule(), "iot:Publish denied: connection closed without a reason (MQTT 3.1.1)");
            shutdown(null);
            return;
        }
        if (p.retain()) {
            Decision r = policy(Action.RETAIN_PUBLISH, "topic/" + topic);
            if (!r.allowed()) {
                emit(Kind.PUBLISH_DENIED, clientId, topic, r.rule(),
                        "PUBLISH with RETAIN needs iot:RetainPublish too: connection closed without a reason (MQTT 3.1.1)");
                shutdown(null);
                return;
            }
        }
        toBroker(p.bytes());
    }

    private void onSubscribe(MqttPacket p) throws IOException {
        List<String> filters = p.topicFilters();
        List<Integer> qos = p.requestedQos();
        if (filters.size() > opt.maxFiltersPerSubscribe()) {
            limit(filters.get(0), filters.size() + " topic filters in one SUBSCRIBE: the limit is " + opt.maxFiltersPerSubscribe());
            return;
        }
        for (int i = 0; i < qos.size(); i++) {
            if ((qos.get(i) & 3) == 2) {
                emit(Kind.QOS2_REFUSED, clientId, filters.get(i), null, "SUBSCRIBE with QoS 2 (packet id " + p.packetId()
                        + "): AWS IoT does not support QoS 2 and sends no SUBACK; the subscription was not made");
                return;
            }
        }
        for (String f : filters) {
            if (!topicWithinLimits(f, "topic filter")) return;
            Decision d = policy(Action.SUBSCRIBE, "topicfilter/" + f);
            if (!d.allowed()) {
                emit(Kind.SUBSCRIBE_DENIED, clientId, f, d.rule(), "iot:Subscribe denied: connection closed without a reason (MQTT 3.1.1)");
                shutdown(null);
                return;
            }
        }
        toBroker(p.bytes());
    }

    private boolean topicWithinLimits(String topic, String what) {
        int bytes = topic.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > opt.maxTopicBytes()) {
            limit(topic, what + " of " + bytes + " bytes: the limit is " + opt.maxTopicBytes());
            return false;
        }
        long slashes = topic.chars().filter(c -> c == '/').count();
        // AWS's reserved topics ($aws/...) do not count against the slashes
        if (!topic.startsWith("$aws/") && slashes > opt.maxTopicSlashes()) {
            limit(topic, what + " with " + slashes + " slashes: the limit is " + opt.maxTopicSlashes());
            return false;
        }
        return true;
    }

    private void limit(String topic, String detail) {
        emit(Kind.LIMIT_EXCEEDED, clientId, topic, "AWS IoT message broker limit", detail + "; connection closed");
        shutdown(null);
    }

    private Decision policy(Action a, String resource) {
        return emu.policy().evaluate(a, opt.arnPrefix() + resource, new IotPolicy.Context(clientId, thingName, commonName));
    }

    private X509Certificate peerCertificate() {
        try {
            Certificate[] c = tls.getSession().getPeerCertificates();
            return c.length > 0 && c[0] instanceof X509Certificate x ? x : null;
        } catch (SSLException e) {
            return null;
        }
    }

    private static String commonName(X509Certificate c) {
        try {
            for (Rdn r : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) return String.valueOf(r.getValue());
            }
        } catch (Exception e) {
            // no CN
        }
        return null;
    }

    private void toBroker(byte[] b) throws IOException {
        synchronized (broker) {
            toBroker.write(b);
            toBroker.flush();
        }
    }

    // ---------------------------------------------------------------- broker → device

    private void brokerToDevice() {
        try {
            InputStream in = broker.getInputStream();
            byte[] buf = new byte[16384];
            while (!closed.get()) {
                int n = in.read(buf);
                if (n < 0) {
                    shutdown("the broker closed the connection");
                    return;
                }
                for (MqttPacket p : mqtt.decoder(Direction.SERVER_TO_CLIENT).feed(buf, 0, n)) {
                    if (p.type() == MqttPacketType.PUBLISH && p.topic() != null) {
                        Decision d = policy(Action.RECEIVE, "topic/" + p.topic());
                        if (!d.allowed()) {
                            emit(Kind.RECEIVE_DENIED, clientId, p.topic(), d.rule(), "iot:Receive denied: message not delivered to this device");
                            if (p.qos() == 1) toBroker(new byte[] { 0x40, 2, (byte) (p.packetId() >> 8), (byte) p.packetId() });
                            continue;
                        }
                    }
                    synchronized (toDevice) {
                        toDevice.write(p.bytes());
                        toDevice.flush();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            shutdown(closed.get() ? null : "broker side: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- ending

    void checkKeepAlive(long now) {
        if (!connected || closed.get() || keepAliveNanos <= 0) return;
        long gap = now - lastPacket;
        if (gap > keepAliveNanos * 3 / 2) {
            emit(Kind.KEEPALIVE_EXPIRED, clientId, null, "MQTT-3.1.2-24: 1.5 x keepalive",
                    String.format(Locale.ROOT, "no packet from the device for %.3f s; keepalive in force %d s, limit %.1f s: connection closed",
                            gap / 1e9, keepAliveInForce, keepAliveInForce * 1.5));
            shutdown(null);
        }
    }

    private void takenBy(DeviceConnection newer) {
        if (closed.get()) return;
        emit(Kind.CLIENT_ID_TAKEN, clientId, null, "one connection per client ID",
                "connection " + newer.id + " (" + newer.peer + ") connected with the same client ID: this older connection was closed");
        shutdown(null);
    }

    /** Closes both sides without a TLS close_notify or MQTT reason (AWS drops the TCP connection). {@code why} null: already reported. */
    void shutdown(String why) {
        if (!closed.compareAndSet(false, true)) return;
        if (why != null) emit(Kind.CLOSED, clientId, null, null, why);
        emu.forget(this);
        closeQuietly(raw);
        if (broker != null) closeQuietly(broker);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void emit(Kind kind, String client, String topic, String detail) {
        emit(kind, client, topic, null, detail);
    }

    private void emit(Kind kind, String client, String topic, String rule, String detail) {
        emu.emit(new CloudEvent(emu.now(), kind, id, peer, client, topic, rule, detail));
    }
}
