package io.netstep.mqtt;

/** MQTT Control Packet types (3.1.1 section 2.2.1, 5.0 section 2.1.2), by their value in bits 7-4 of byte 1. */
public enum MqttPacketType {
    RESERVED(0),
    CONNECT(1),
    CONNACK(2),
    PUBLISH(3),
    PUBACK(4),
    PUBREC(5),
    PUBREL(6),
    PUBCOMP(7),
    SUBSCRIBE(8),
    SUBACK(9),
    UNSUBSCRIBE(10),
    UNSUBACK(11),
    PINGREQ(12),
    PINGRESP(13),
    DISCONNECT(14),
    /** AUTH in MQTT 5.0; reserved (forbidden) in 3.1.1. */
    AUTH(15);

    private static final MqttPacketType[] BY_VALUE = values();

    private final int value;

    MqttPacketType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The type for bits 7-4 of the first byte (0..15). */
    public static MqttPacketType of(int value) {
        return BY_VALUE[value & 0x0F];
    }
}
