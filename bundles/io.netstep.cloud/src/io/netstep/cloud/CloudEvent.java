package io.netstep.cloud;

/**
 * One decision of the AWS IoT emulator, for the session's event log and the diagnosis.
 * Never carries secrets: no keys, no payloads, only names, topics and the policy rule.
 *
 * @param time       the emulator's clock (the session's virtual clock when it gave one), nanoseconds
 * @param kind       what was decided
 * @param connection the emulator's number for the device connection (1, 2, ...), 0 when none
 * @param peer       the device's TCP endpoint as the emulator saw it ({@code 127.0.0.1:PORT})
 * @param clientId   the MQTT Client Identifier once known, else null
 * @param topic      the topic or topic filter concerned, else null
 * @param rule       the policy statement or limit that decided, else null
 * @param detail     the rest, in words
 */
public record CloudEvent(long time, Kind kind, int connection, String peer, String clientId, String topic, String rule,
                         String detail) {

    /** What the emulator decided. The failure ids are those of {@code shared/failures.md}. */
    public enum Kind {
        /** The TLS handshake completed: SNI, protocol, suite, client certificate subject. */
        TLS_ACCEPTED(null),
        /** The ClientHello had no server_name: the connection was closed without an answer (F4). */
        SNI_MISSING("F4"),
        /** The ClientHello named another host than the endpoint: closed without an answer (F4). */
        SNI_MISMATCH("F4"),
        /** The first bytes were not a TLS ClientHello (e.g. plain MQTT on the TLS port). */
        NOT_TLS(null),
        /** The device sent no client certificate (empty Certificate): handshake refused (F8). */
        CLIENT_CERT_MISSING("F8"),
        /** The device's certificate is not signed by the profile's CA (or otherwise invalid). */
        CLIENT_CERT_REJECTED("F8"),
        /** The handshake failed for another reason (no common cipher suite, bad message, ...). */
        HANDSHAKE_FAILED(null),
        /** CONNECT allowed and passed to the broker; detail gives the keepalive in force. */
        CONNECTED(null),
        /** iot:Connect denied for the client ID: closed without CONNACK (F11). */
        CONNECT_DENIED("F11"),
        /** iot:Publish denied: closed without a reason (F11). */
        PUBLISH_DENIED("F11"),
        /** iot:Subscribe denied: closed without a reason (F11). */
        SUBSCRIBE_DENIED("F11"),
        /** iot:Receive denied: the message was not delivered to this device (no disconnect). */
        RECEIVE_DENIED(null),
        /** QoS 2 requested: AWS IoT sends no PUBACK/SUBACK and does not deliver the message. */
        QOS2_REFUSED(null),
        /** A message broker limit was broken (size, topic levels, ...): closed. */
        LIMIT_EXCEEDED(null),
        /** Nothing from the device for 1.5 x keepalive: closed (F10). */
        KEEPALIVE_EXPIRED("F10"),
        /** Another connection used the same client ID: this (older) one was closed (F12). */
        CLIENT_ID_TAKEN("F12"),
        /** The connection ended; detail says who closed it. */
        CLOSED(null);

        private final String failureId;

        Kind(String failureId) {
            this.failureId = failureId;
        }

        /** The failure id this decision is evidence for ({@code F4}, {@code F8}, ...), or null. */
        public String failureId() {
            return failureId;
        }
    }

    /** One log line: every field that is set, nothing secret. */
    @Override public String toString() {
        StringBuilder b = new StringBuilder("aws-iot ").append(kind);
        if (connection > 0) b.append(" conn=").append(connection);
        if (peer != null) b.append(" peer=").append(peer);
        if (clientId != null) b.append(" client-id='").append(clientId).append('\'');
        if (topic != null) b.append(" topic='").append(topic).append('\'');
        if (rule != null) b.append(" rule=[").append(rule).append(']');
        if (detail != null) b.append(": ").append(detail);
        return b.toString();
    }
}
