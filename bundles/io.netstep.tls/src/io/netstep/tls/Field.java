package io.netstep.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of a decoded message: an RFC field name, a display value and where its bytes are.
 * A field usually covers one range; a handshake message split over several records can give
 * a field several ranges (the record headers lie between them).
 */
public final class Field {
    private final String name;
    private String value;
    private final List<ByteRange> ranges;
    private final List<Field> children = new ArrayList<>();

    public Field(String name, String value, List<ByteRange> ranges) {
        this.name = name;
        this.value = value;
        this.ranges = List.copyOf(ranges);
    }

    public String name() {
        return name;
    }

    /** Human-readable value ("TLS_AES_128_GCM_SHA256 (0x1301)", "0x0303", a hex dump…); may be empty. */
    public String value() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public List<ByteRange> ranges() {
        return ranges;
    }

    /** Start of the first range, or -1 for an empty field. */
    public long offset() {
        return ranges.isEmpty() ? -1 : ranges.get(0).offset();
    }

    /** Number of bytes covered (sum over the ranges). */
    public int length() {
        int n = 0;
        for (ByteRange r : ranges) {
            n += r.length();
        }
        return n;
    }

    public List<Field> children() {
        return Collections.unmodifiableList(children);
    }

    public Field add(Field child) {
        children.add(child);
        return child;
    }

    /** First direct child with that name, or null. */
    public Field child(String childName) {
        for (Field f : children) {
            if (f.name.equals(childName)) {
                return f;
            }
        }
        return null;
    }

    /** First field with that name in this subtree (depth first, this node included), or null. */
    public Field find(String fieldName) {
        if (name.equals(fieldName)) {
            return this;
        }
        for (Field f : children) {
            Field hit = f.find(fieldName);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** Indented text form, one field per line. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        dump(sb, 0);
        return sb.toString();
    }

    private void dump(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append(name);
        if (value != null && !value.isEmpty()) {
            sb.append(": ").append(value);
        }
        sb.append("  ").append(ranges).append('\n');
        for (Field f : children) {
            f.dump(sb, depth + 1);
        }
    }

    @Override
    public String toString() {
        return name + (value == null || value.isEmpty() ? "" : "=" + value);
    }
}
