package io.netstep.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One field of a decoded packet, named as the MQTT specification names it, with the bytes it
 * came from: {@link #offset()} and {@link #length()} count from the packet's first byte (add
 * {@link MqttPacket#streamOffset()} for the position in the stream). Fields made of bits
 * (flags) cover the byte that holds them and give the bits in {@link #bitMask()}.
 * <p>
 * A {@linkplain #sensitive() sensitive} field (Password, Authentication Data) shows its value
 * only through {@link #value()}; {@link #toString()} and {@link MqttPacket#text()} mask it.
 */
public final class MqttField {

    static final String MASK = "****";

    private final String name;
    private String value;
    private final int offset;
    private int length;
    private int bitMask;
    private boolean sensitive;
    private final List<MqttField> children = new ArrayList<>(2);

    MqttField(String name, String value, int offset, int length) {
        this.name = name;
        this.value = value;
        this.offset = offset;
        this.length = length;
    }

    public String name() {
        return name;
    }

    /** The value as text for display; empty for a pure container (e.g. "Fixed header"). */
    public String value() {
        return value;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Bits of the first byte this field occupies (e.g. 0x06 for QoS in byte 1), 0 when it is whole bytes. */
    public int bitMask() {
        return bitMask;
    }

    public boolean sensitive() {
        return sensitive;
    }

    public List<MqttField> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first direct child of that name, or null. */
    public MqttField child(String childName) {
        for (MqttField c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** All direct children of that name, in packet order. */
    public List<MqttField> children(String childName) {
        List<MqttField> out = new ArrayList<>();
        for (MqttField c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The value as {@link #toString()} and text output show it: masked when sensitive. */
    public String displayValue() {
        return sensitive ? MASK : value;
    }

    @Override
    public String toString() {
        return name + (value.isEmpty() ? "" : " = " + displayValue()) + " [" + offset + "+" + length + "]";
    }

    // ---- building (decoder side) ----

    MqttField add(MqttField child) {
        children.add(child);
        return child;
    }

    MqttField bits(int mask) {
        this.bitMask = mask;
        return this;
    }

    MqttField markSensitive() {
        this.sensitive = true;
        return this;
    }

    void setValue(String v) {
        this.value = v;
    }

    /** Makes this container end at {@code end} (exclusive), as far as its content went. */
    void endAt(int end) {
        this.length = Math.max(0, end - offset);
    }

    void appendText(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append(toString()).append('\n');
        for (MqttField c : children) {
            c.appendText(sb, depth + 1);
        }
    }
}
