package io.netstep.session.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of an event's field tree, for a packet detail view: the spec's field name, a display
 * value and the bytes it covers. Immutable once the event is published.
 */
public final class FieldNode {

    /** Which bytes a {@link Range} counts in. */
    public enum Space {
        /** Offsets into the event's own {@link ProtocolEvent#bytes()} (MQTT packets, SPI frames, chip data). */
        EVENT,
        /** Offsets in the direction's TCP byte stream (TLS records and plaintext handshake messages). */
        WIRE,
        /** Offsets in the direction's decrypted TLS stream (content of decrypted records). */
        DECRYPTED
    }

    public record Range(Space space, long offset, int length) { }

    private final String name;
    private final String value;
    private final List<Range> ranges;
    private final List<FieldNode> children = new ArrayList<>(2);

    public FieldNode(String name, String value, List<Range> ranges) {
        this.name = name;
        this.value = value == null ? "" : value;
        this.ranges = List.copyOf(ranges);
    }

    public String name() {
        return name;
    }

    /** Display value; empty for a pure container. Secrets (MQTT password) come masked. */
    public String value() {
        return value;
    }

    public List<Range> ranges() {
        return ranges;
    }

    public List<FieldNode> children() {
        return Collections.unmodifiableList(children);
    }

    FieldNode add(FieldNode child) {
        children.add(child);
        return child;
    }

    /** First node with that name in this subtree (depth first, this node included), or null. */
    public FieldNode find(String fieldName) {
        if (name.equals(fieldName)) {
            return this;
        }
        for (FieldNode c : children) {
            FieldNode hit = c.find(fieldName);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** Indented text, one node a line. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        dump(sb, 0);
        return sb.toString();
    }

    private void dump(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append(name);
        if (!value.isEmpty()) {
            sb.append(": ").append(value);
        }
        sb.append('\n');
        for (FieldNode c : children) {
            c.dump(sb, depth + 1);
        }
    }

    @Override
    public String toString() {
        return value.isEmpty() ? name : name + "=" + value;
    }
}
