package io.netstep.tls.internal;

import io.netstep.tls.Field;
import java.util.function.IntFunction;

/**
 * Bounds-checked reader over a message buffer that records each field it reads, with its byte
 * ranges, under a parent {@link Field}. Reading past the end throws {@link DecodeException}.
 */
public final class Cursor {
    private final byte[] buf;
    private final OffsetMap map;
    private final Field parent;
    private int pos;
    private final int limit;

    public Cursor(byte[] buf, int start, int limit, OffsetMap map, Field parent) {
        this.buf = buf;
        this.pos = start;
        this.limit = limit;
        this.map = map;
        this.parent = parent;
    }

    public Field parent() {
        return parent;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public byte[] buffer() {
        return buf;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw new DecodeException(what + ": needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public Field field(String name, String value, int from, int len) {
        return parent.add(new Field(name, value, map.ranges(from, len)));
    }

    private int uint(int n, String name) {
        need(n, name);
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        return v;
    }

    public int u8(String name) {
        return u8(name, null);
    }

    public int u8(String name, IntFunction<String> namer) {
        int v = uint(1, name);
        field(name, namer == null ? Integer.toString(v) : namer.apply(v), pos, 1);
        pos += 1;
        return v;
    }

    public int u16(String name) {
        return u16(name, null);
    }

    public int u16(String name, IntFunction<String> namer) {
        int v = uint(2, name);
        field(name, namer == null ? Integer.toString(v) : namer.apply(v), pos, 2);
        pos += 2;
        return v;
    }

    public int u24(String name) {
        int v = uint(3, name);
        field(name, Integer.toString(v), pos, 3);
        pos += 3;
        return v;
    }

    public long u32(String name) {
        need(4, name);
        long v = ((long) uint(2, name) << 16) | (((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff));
        field(name, Long.toString(v), pos, 4);
        pos += 4;
        return v;
    }

    /** Fixed-length opaque; value shown as hex. */
    public byte[] bytes(String name, int n) {
        need(n, name);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        field(name, Hex.preview(buf, pos, n, 64), pos, n);
        pos += n;
        return out;
    }

    /**
     * A variable-length vector {@code name<min..max>} with a {@code lenBytes}-byte length prefix.
     * Returns a cursor over its content; the vector's field gets a "length" child.
     */
    public Cursor vector(String name, int lenBytes, int min, int max) {
        int start = pos;
        int len = uint(lenBytes, name + " length");
        need(lenBytes + len, name);
        if (len < min || len > max) {
            throw new DecodeException(name + ": length " + len + " outside <" + min + ".." + max + ">");
        }
        Field f = field(name, "", start, lenBytes + len);
        f.add(new Field("length", Integer.toString(len), map.ranges(start, lenBytes)));
        pos += lenBytes + len;
        return new Cursor(buf, start + lenBytes, start + lenBytes + len, map, f);
    }

    /** Opaque vector with length prefix; value shown as hex. */
    public byte[] opaque(String name, int lenBytes, int min, int max) {
        Cursor c = vector(name, lenBytes, min, max);
        byte[] out = java.util.Arrays.copyOfRange(buf, c.pos, c.limit);
        c.parent.setValue(Hex.preview(buf, c.pos, c.limit - c.pos, 64));
        return out;
    }

    /** A cursor for the next {@code n} bytes as a struct named {@code name}. */
    public Cursor struct(String name, int n) {
        need(n, name);
        Field f = field(name, "", pos, n);
        Cursor c = new Cursor(buf, pos, pos + n, map, f);
        pos += n;
        return c;
    }

    /** A cursor over the rest as a struct named {@code name}. */
    public Cursor rest(String name) {
        return struct(name, remaining());
    }

    public void skip(int n) {
        need(n, "skip");
        pos += n;
    }

    /** Reports trailing bytes inside a structure as a malformation. */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw new DecodeException(what + ": " + (limit - pos) + " unexpected trailing bytes");
        }
    }

    public byte[] copyRemaining() {
        return java.util.Arrays.copyOfRange(buf, pos, limit);
    }
}
