package io.netstep.mqtt;

/** Receives what an {@link MqttStreamDecoder} finds, in stream order. */
public interface MqttListener {

    /** A complete packet (with its own violations). */
    void packet(MqttPacket packet);

    /** A problem of the stream that belongs to no complete packet: framing lost, stream ended inside a packet. */
    default void streamProblem(Direction direction, MqttViolation violation) {
    }
}
