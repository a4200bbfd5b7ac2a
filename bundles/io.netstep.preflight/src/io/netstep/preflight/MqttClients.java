package io.netstep.preflight;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.TrustManagerFactory;

/** HiveMQ MQTT 3.1.1 clients made from {@link PreflightSettings}, as the firmware connects (Paho embedded speaks 3.1.1). */
final class MqttClients {

    private MqttClients() { }

    /**
     * @param ip       where to connect (already resolved)
     * @param trust    who to trust for TLS, or null for the JDK's default CAs
     * @param verifier the name check after the handshake (HiveMQ then skips its own)
     */
    static Mqtt3AsyncClient build(PreflightSettings s, InetAddress ip, Credentials cred, TrustManagerFactory trust,
            HostnameVerifier verifier, String clientId, MqttClientDisconnectedListener onDisconnect) {
        var t = MqttClient.builder().useMqttVersion3().identifier(clientId).transportConfig()
                .serverAddress(new InetSocketAddress(peerAddress(s, ip), s.port()))
                .socketConnectTimeout(s.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(s.ioTimeoutMillis(), TimeUnit.MILLISECONDS);
        if (s.tls()) t = t.sslConfig(ssl(s, cred, trust, verifier));
        Mqtt3ClientBuilder b = t.applyTransportConfig();
        if (onDisconnect != null) b = b.addDisconnectedListener(onDisconnect);
        return b.buildAsync();
    }

    /**
     * HiveMQ takes the SNI name from the server address's host string: an address that carries
     * the SNI name as its host name (no lookup) sends exactly that name; a bare address sends none.
     */
    private static InetAddress peerAddress(PreflightSettings s, InetAddress ip) {
        try {
            String sni = s.tls() ? s.effectiveSniName() : null;
            return InetAddress.getByAddress(sni, ip.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MqttClientSslConfig ssl(PreflightSettings s, Credentials cred, TrustManagerFactory trust, HostnameVerifier verifier) {
        MqttClientSslConfigBuilder b = MqttClientSslConfig.builder().protocols(List.of(s.tlsVersion().jsseName()))
                .handshakeTimeout(s.ioTimeoutMillis(), TimeUnit.MILLISECONDS).hostnameVerifier(verifier);
        if (trust != null) b = b.trustManagerFactory(trust);
        if (cred.hasClientCertificate()) b = b.keyManagerFactory(cred.keyManagerFactory());
        return b.build();
    }

    /** The CONNECT the firmware sends: clean session, its keepalive, its credentials. */
    static Mqtt3Connect connect(PreflightSettings s) {
        Mqtt3ConnectBuilder b = Mqtt3Connect.builder().cleanSession(true).keepAlive(s.keepAliveSeconds());
        if (s.username() != null) {
            char[] pw = s.password();
            if (pw == null) {
                b = b.simpleAuth().username(s.username()).applySimpleAuth();
            } else {
                java.nio.ByteBuffer enc = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pw));
                byte[] bytes = new byte[enc.remaining()];
                enc.get(bytes);
                b = b.simpleAuth().username(s.username()).password(bytes).applySimpleAuth();
                java.util.Arrays.fill(pw, '\0');
                if (enc.hasArray()) java.util.Arrays.fill(enc.array(), (byte) 0);
            }
        }
        return b.build();
    }

    /** CONNACK return codes (MQTT 3.1.1 section 3.2.2.3) in plain words, with the fix. */
    static String[] explain(Mqtt3ConnAckReturnCode code, PreflightSettings s) {
        switch (code) {
            case UNSUPPORTED_PROTOCOL_VERSION:
                return new String[] { "the broker refused MQTT 3.1.1 (CONNACK 1: unacceptable protocol version)",
                        "use a broker (or listener) that speaks MQTT 3.1.1" };
            case IDENTIFIER_REJECTED:
                return new String[] { "the broker rejected the client ID" + (s.clientId() == null ? "" : " '" + s.clientId() + "'") + " (CONNACK 2: identifier rejected)",
                        "use a client ID the broker allows (1-23 characters [0-9a-zA-Z] are always allowed; AWS IoT: the thing name)" };
            case SERVER_UNAVAILABLE:
                return new String[] { "the broker is up but its MQTT service is unavailable (CONNACK 3: server unavailable)",
                        "retry later or check the broker's log" };
            case BAD_USER_NAME_OR_PASSWORD:
                return new String[] { "bad user name or password (CONNACK 4)" + (s.username() == null ? ": none was given and the broker wants one" : " for user '" + s.username() + "'"),
                        "give the user name and password the broker knows (mosquitto: password_file made with mosquitto_passwd)" };
            case NOT_AUTHORIZED:
                return new String[] { "not authorized (CONNACK 5): the broker refused "
                        + (s.username() == null ? "a client without user name (anonymous clients are not allowed)" : "user '" + s.username() + "' with this password, or this client"),
                        s.username() == null ? "give a user name and password (mosquitto 2: allow_anonymous is false by default)"
                                : "check the user name and password, and that the broker lets this user connect" };
            default:
                return new String[] { "the broker refused the connection (CONNACK " + code.getCode() + ")", "check the broker's log" };
        }
    }
}
