package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;

/**
 * A cursor over one complete packet that reads MQTT data types (section 1.5) and records each
 * as a field with its byte range. Reading past the end throws {@link Malformed}: the packet
 * decoders let it travel up and the caller reports it once.
 */
final class PacketReader {

    /** The packet ended (or a length field ran past its limit) inside a field. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;

        Malformed(String message, int at) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    final MqttPacket packet;
    final byte[] b;
    final boolean v5;
    final String spec;
    int pos;
    int end;
    /** Section of the packet being decoded (e.g. "3.3"), cited for truncation and leftovers. */
    String section = "2";

    PacketReader(MqttPacket packet) {
        this.packet = packet;
        this.b = packet.rawBytes();
        this.v5 = packet.protocolLevel() == 5;
        this.spec = v5 ? "5.0" : "3.1.1";
        this.pos = packet.headerLength();
        this.end = b.length;
    }

    int remaining() {
        return end - pos;
    }

    void need(int n, String what) throws Malformed {
        if (end - pos < n) {
            throw new Malformed("the packet ends inside " + what + " (needs " + n + " bytes, " + (end - pos) + " left)", pos);
        }
    }

    /** A top-level container field starting here. */
    MqttField top(String name) {
        return packet.addField(new MqttField(name, "", pos, 0));
    }

    MqttField group(MqttField parent, String name) {
        return parent.add(new MqttField(name, "", pos, 0));
    }

    MqttField bytesField(MqttField parent, String name, int n, String value) {
        MqttField f = parent.add(new MqttField(name, value, pos, n));
        pos += n;
        return f;
    }

    int u8(MqttField parent, String name) throws Malformed {
        need(1, name);
        int v = b[pos] & 0xFF;
        bytesField(parent, name, 1, Integer.toString(v));
        return v;
    }

    int u16(MqttField parent, String name) throws Malformed {
        need(2, name);
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        bytesField(parent, name, 2, Integer.toString(v));
        return v;
    }

    long u32(MqttField parent, String name) throws Malformed {
        need(4, name);
        long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
        bytesField(parent, name, 4, Long.toString(v));
        return v;
    }

    /** Variable Byte Integer (5.0 section 1.5.5); a fifth byte is malformed, a longer than needed encoding breaks MQTT-1.5.5-1. */
    int vbi(MqttField parent, String name) throws Malformed {
        int start = pos;
        int value = 0;
        int mult = 1;
        int n = 0;
        while (true) {
            if (n == 4) {
                throw new Malformed(name + " is a Variable Byte Integer longer than 4 bytes", start);
            }
            need(n + 1 - (pos - start), name);
            int digit = b[pos++] & 0xFF;
            n++;
            value += (digit & 0x7F) * mult;
            mult *= 128;
            if ((digit & 0x80) == 0) {
                if (n > 1 && digit == 0) {
                    violation(Kind.MALFORMED, null, "MQTT-1.5.5-1",
                            name + " uses " + n + " bytes where fewer encode " + value, start, n);
                }
                break;
            }
        }
        parent.add(new MqttField(name, Integer.toString(value), start, pos - start));
        return value;
    }

    /** A UTF-8 Encoded String; checks well-formedness and U+0000. Returns the decoded text. */
    String utf8(MqttField parent, String name) throws Malformed {
        need(2, name + " length");
        int len = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        need(2 + len, name);
        int start = pos;
        String s = Utf8.decode(b, pos + 2, len);
        int bad = Utf8.firstIllFormed(b, pos + 2, len);
        bytesField(parent, name, 2 + len, Utf8.quote(s));
        if (bad >= 0) {
            violation(Kind.MALFORMED, "MQTT-1.5.3-1", "MQTT-1.5.4-1",
                    name + " is not well-formed UTF-8 (byte " + (bad - start - 2) + " of the string)", bad, 1);
        } else if (s.indexOf('\0') >= 0) {
            violation(Kind.MALFORMED, "MQTT-1.5.3-2", "MQTT-1.5.4-2",
                    name + " contains the null character U+0000", start, 2 + len);
        }
        return s;
    }

    /** Binary Data: a two byte length then the bytes. */
    byte[] binary(MqttField parent, String name) throws Malformed {
        need(2, name + " length");
        int len = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        need(2 + len, name);
        byte[] data = new byte[len];
        System.arraycopy(b, pos + 2, data, 0, len);
        bytesField(parent, name, 2 + len, Display.binary(data));
        return data;
    }

    /** Records a violation under the rule id of the spec in use; a null id means the rule does not exist in that spec. */
    void violation(Kind kind, String rule311, String rule5, String message, int offset, int length) {
        String rule = v5 ? rule5 : rule311;
        if (rule == null) {
            return;
        }
        packet.addViolation(new MqttViolation(kind, spec, rule, message, offset, length, packet.streamOffset() + offset));
    }

    /** Same rule id in both specs. */
    void violation(Kind kind, String rule, String message, int offset, int length) {
        violation(kind, rule, rule, message, offset, length);
    }

    void violation(Kind kind, String rule, String message, MqttField f) {
        violation(kind, rule, rule, message, f.offset(), f.length());
    }

    void violation(Kind kind, String rule311, String rule5, String message, MqttField f) {
        violation(kind, rule311, rule5, message, f.offset(), f.length());
    }
}
