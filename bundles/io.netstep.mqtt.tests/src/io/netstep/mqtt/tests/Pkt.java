package io.netstep.mqtt.tests;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttViolation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds packets byte by byte as the spec lays them out (independently of the decoder). */
final class Pkt {

    private Pkt() {
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u8(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] u16(int v) {
        return u8(v >> 8, v);
    }

    static byte[] u32(long v) {
        return u8((int) (v >> 24), (int) (v >> 16), (int) (v >> 8), (int) v);
    }

    static byte[] vbi(int v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = v % 128;
            v /= 128;
            out.write(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        return out.toByteArray();
    }

    static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cat(u16(b.length), b);
    }

    static byte[] bin(byte[] b) {
        return cat(u16(b.length), b);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A property list: Property Length then the properties. */
    static byte[] props(byte[]... properties) {
        byte[] body = cat(properties);
        return cat(vbi(body.length), body);
    }

    /** A packet: first byte, Remaining Length, then the parts. */
    static byte[] packet(int firstByte, byte[]... parts) {
        byte[] body = cat(parts);
        return cat(u8(firstByte), vbi(body.length), body);
    }

    static byte[] connect311(String clientId) {
        return packet(0x10, str("MQTT"), u8(4), u8(0x02), u16(60), str(clientId));
    }

    static byte[] connect5(String clientId, byte[] props) {
        return packet(0x10, str("MQTT"), u8(5), u8(0x02), u16(60), props, str(clientId));
    }

    static byte[] connack311(int rc) {
        return packet(0x20, u8(0, rc));
    }

    static byte[] connack5(int rc, byte[] props) {
        return packet(0x20, u8(0, rc), props);
    }

    /** Decodes one stream of one direction on a fresh connection. */
    static List<MqttPacket> decode(Direction dir, int level, byte[] stream) {
        MqttConnection c = new MqttConnection(level, 1 << 20);
        return c.decoder(dir).feed(stream);
    }

    /** Decodes client bytes then server bytes in turn: the order they happened. */
    static List<MqttPacket> conversation(byte[]... c2sThenS2c) {
        MqttConnection c = new MqttConnection();
        List<MqttPacket> out = new ArrayList<>();
        for (int i = 0; i < c2sThenS2c.length; i++) {
            Direction d = i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            out.addAll(c.decoder(d).feed(c2sThenS2c[i]));
        }
        return out;
    }

    static List<String> rules(MqttPacket p) {
        List<String> r = new ArrayList<>();
        for (MqttViolation v : p.violations()) {
            r.add(v.rule());
        }
        return r;
    }
}
