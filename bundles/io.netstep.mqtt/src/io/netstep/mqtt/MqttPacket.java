package io.netstep.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One complete MQTT Control Packet of a direction of a connection: its bytes, the field tree
 * ("Fixed header", "Variable header", "Payload"), a typed view of the values later layers use
 * most, and the rules it breaks.
 * <p>
 * Typed getters return null (or -1) when the packet has no such value. {@link #topic()} of an
 * MQTT 5 PUBLISH that uses a Topic Alias with an empty Topic Name is the topic the alias stands
 * for on this connection.
 */
public final class MqttPacket {

    private final Direction direction;
    private final MqttPacketType type;
    private final int protocolLevel;
    private final long streamOffset;
    private final byte[] bytes;
    private final int headerLength;
    private final List<MqttField> fields = new ArrayList<>(3);
    private final List<MqttViolation> violations = new ArrayList<>(0);

    int packetId = -1;
    int qos = -1;
    boolean dup;
    boolean retain;
    String topic;
    byte[] payload;
    Integer returnCode;
    Integer reasonCode;
    String clientId;
    int keepAlive = -1;
    List<String> topicFilters;
    List<Integer> requestedQos;
    List<Integer> returnCodes;
    boolean bodyKept = true;

    MqttPacket(Direction direction, MqttPacketType type, int protocolLevel, long streamOffset, byte[] bytes,
            int headerLength) {
        this.direction = direction;
        this.type = type;
        this.protocolLevel = protocolLevel;
        this.streamOffset = streamOffset;
        this.bytes = bytes;
        this.headerLength = headerLength;
    }

    public Direction direction() {
        return direction;
    }

    public MqttPacketType type() {
        return type;
    }

    /** The protocol level the packet was decoded with: 3 (3.1), 4 (3.1.1) or 5 (5.0). */
    public int protocolLevel() {
        return protocolLevel;
    }

    public boolean isMqtt5() {
        return protocolLevel == 5;
    }

    /** Position of the packet's first byte in its direction's stream. */
    public long streamOffset() {
        return streamOffset;
    }

    /** Length of the whole packet: fixed header plus Remaining Length. */
    public int length() {
        return bodyKept ? bytes.length : headerLength + remainingLengthFromHeader();
    }

    /** Bytes of the fixed header (1 + the Remaining Length bytes). */
    public int headerLength() {
        return headerLength;
    }

    /**
     * The packet's bytes (a copy). For a packet larger than the decoder's limit only the fixed
     * header was kept ({@link #bodyKept()} is false).
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean bodyKept() {
        return bodyKept;
    }

    /** The top-level fields: "Fixed header", then "Variable header" and "Payload" where the packet has them. */
    public List<MqttField> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The field at a path of names from the top, e.g. {@code field("Variable header", "Keep Alive")}; null if absent. */
    public MqttField field(String... path) {
        MqttField f = null;
        for (MqttField top : fields) {
            if (top.name().equals(path[0])) {
                f = top;
                break;
            }
        }
        for (int i = 1; f != null && i < path.length; i++) {
            f = f.child(path[i]);
        }
        return f;
    }

    public List<MqttViolation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** The Packet Identifier, or -1. */
    public int packetId() {
        return packetId;
    }

    /** QoS of a PUBLISH (also when 3, which is malformed), or -1. */
    public int qos() {
        return qos;
    }

    public boolean dup() {
        return dup;
    }

    public boolean retain() {
        return retain;
    }

    /** Topic Name of a PUBLISH (alias resolved), or null. */
    public String topic() {
        return topic;
    }

    /** Application Message of a PUBLISH (a copy), or null. */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** MQTT 3.1.1 Connect Return Code of a CONNACK, or null. */
    public Integer returnCode() {
        return returnCode;
    }

    /** MQTT 5 Reason Code (CONNACK, PUBACK..PUBCOMP, DISCONNECT, AUTH), or null. */
    public Integer reasonCode() {
        return reasonCode;
    }

    /** Client Identifier of a CONNECT, or null. */
    public String clientId() {
        return clientId;
    }

    /** Keep Alive of a CONNECT in seconds, or -1. */
    public int keepAlive() {
        return keepAlive;
    }

    /** Topic Filters of a SUBSCRIBE or UNSUBSCRIBE, or an empty list. */
    public List<String> topicFilters() {
        return topicFilters == null ? List.of() : Collections.unmodifiableList(topicFilters);
    }

    /** Requested QoS of each SUBSCRIBE Topic Filter (Maximum QoS in MQTT 5), or an empty list. */
    public List<Integer> requestedQos() {
        return requestedQos == null ? List.of() : Collections.unmodifiableList(requestedQos);
    }

    /** SUBACK return codes / reason codes, UNSUBACK reason codes (MQTT 5), or an empty list. */
    public List<Integer> returnCodes() {
        return returnCodes == null ? List.of() : Collections.unmodifiableList(returnCodes);
    }

    /** The field tree and violations as indented text; sensitive values masked. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(direction.shortName()).append(' ').append(type).append(" @").append(streamOffset)
                .append(" (").append(length()).append(" bytes, MQTT ").append(protocolLevel == 5 ? "5.0" : protocolLevel == 3 ? "3.1" : "3.1.1")
                .append(")\n");
        for (MqttField f : fields) {
            f.appendText(sb, 1);
        }
        for (MqttViolation v : violations) {
            sb.append("  ! ").append(v).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return direction.shortName() + " " + type + " @" + streamOffset + "+" + length()
                + (violations.isEmpty() ? "" : " (" + violations.size() + " violations)");
    }

    // ---- building (decoder side) ----

    MqttField addField(MqttField f) {
        fields.add(f);
        return f;
    }

    void addViolation(MqttViolation v) {
        violations.add(v);
    }

    byte[] rawBytes() {
        return bytes;
    }

    private int remainingLengthFromHeader() {
        int value = 0;
        int mult = 1;
        for (int i = 1; i < headerLength; i++) {
            value += (bytes[i] & 0x7F) * mult;
            mult *= 128;
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        // Two packets are the same when they are the same bytes at the same place with the same decoding.
        if (!(o instanceof MqttPacket p)) {
            return false;
        }
        return direction == p.direction && streamOffset == p.streamOffset && Arrays.equals(bytes, p.bytes)
                && text().equals(p.text());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(streamOffset) * 31 + Arrays.hashCode(bytes);
    }
}
