package io.netstep.mqtt;

/**
 * A rule of the MQTT specification the bytes break, with the bytes that show it.
 * <p>
 * {@link #rule()} is the specification's normative statement id where it has one (e.g.
 * {@code MQTT-2.2.2-1}), else the section number that states the rule (e.g. {@code 3.2.1}).
 * The two specifications number their statements differently, so {@link #spec()} says which
 * one ({@code "3.1.1"} or {@code "5.0"}). {@link #offset()}/{@link #length()} count from the
 * first byte of the packet (or of the partial packet, for stream problems); {@link #streamOffset()}
 * is the absolute position of the first byte shown.
 */
public final class MqttViolation {

    /** What kind of problem: it decides what a receiver does and whether decoding goes on. */
    public enum Kind {
        /** The packet breaks the format (the spec's "Malformed Packet"); later packets still frame. */
        MALFORMED,
        /** Well-formed, but not allowed (the spec's "Protocol Error"). */
        PROTOCOL_ERROR,
        /** Wrong in relation to earlier packets of the connection (order, packet identifiers). */
        SEQUENCE,
        /** The packet boundaries cannot be found any more; this direction stops decoding. */
        FRAMING_LOST,
        /** The stream ended inside a packet. */
        TRUNCATED,
        /** Not a rule broken: the packet is larger than the decoder keeps, so its body was skipped unchecked. */
        NOT_DECODED
    }

    private final Kind kind;
    private final String spec;
    private final String rule;
    private final String message;
    private final int offset;
    private final int length;
    private final long streamOffset;

    MqttViolation(Kind kind, String spec, String rule, String message, int offset, int length, long streamOffset) {
        this.kind = kind;
        this.spec = spec;
        this.rule = rule;
        this.message = message;
        this.offset = offset;
        this.length = length;
        this.streamOffset = streamOffset;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code "3.1.1"} or {@code "5.0"}: the specification whose numbering {@link #rule()} uses. */
    public String spec() {
        return spec;
    }

    /** Normative statement id ({@code MQTT-3.1.0-1}) or section number ({@code 3.2.1}). */
    public String rule() {
        return rule;
    }

    /** The rule as written in reports: {@code [MQTT-3.1.0-1]} or {@code [§3.2.1]}. */
    public String ruleLabel() {
        return rule.startsWith("MQTT-") ? "[" + rule + "]" : "[§" + rule + "]";
    }

    public String message() {
        return message;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public long streamOffset() {
        return streamOffset;
    }

    @Override
    public String toString() {
        return "MQTT " + spec + " " + ruleLabel() + " " + message + " (bytes " + offset + "+" + length + ")";
    }
}
