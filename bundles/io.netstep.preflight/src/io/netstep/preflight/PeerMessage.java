package io.netstep.preflight;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One message the {@link MqttPeer} received.
 *
 * @param time when it arrived here
 */
public record PeerMessage(String topic, byte[] payload, int qos, boolean retain, Instant time) {

    public PeerMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text (invalid bytes become U+FFFD). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return time + " " + topic + " QoS " + qos + (retain ? " retained" : "") + " " + payload.length + " bytes";
    }
}
