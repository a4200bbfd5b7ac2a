package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;

/** Decodes one complete packet: fixed header, then the packet type's own decoder, then the connection's checks. */
final class PacketDecoding {

    private PacketDecoding() {
    }

    static void decode(MqttPacket p, SequenceChecker sequence) {
        PacketReader r = new PacketReader(p);
        fixedHeader(r);
        Properties.Values props = null;
        ConnectDecoder.Info connect = null;
        try {
            switch (p.type()) {
                case CONNECT: connect = ConnectDecoder.decode(r); break;
                case CONNACK: props = ConnackDecoder.decode(r); break;
                case PUBLISH: props = PublishDecoder.publish(r, p.direction()); break;
                case PUBACK: case PUBREC: case PUBREL: case PUBCOMP: PublishDecoder.ack(r); break;
                case SUBSCRIBE: SubscribeDecoder.subscribe(r); break;
                case SUBACK: SubscribeDecoder.suback(r); break;
                case UNSUBSCRIBE: SubscribeDecoder.unsubscribe(r); break;
                case UNSUBACK: SubscribeDecoder.unsuback(r); break;
                case PINGREQ: case PINGRESP: ControlDecoder.ping(r); break;
                case DISCONNECT: props = ControlDecoder.disconnect(r, p.direction()); break;
                case AUTH:
                    if (r.v5) {
                        props = ControlDecoder.auth(r);
                    } else {
                        ControlDecoder.reserved(r);
                    }
                    break;
                default: ControlDecoder.reserved(r); break;
            }
            if (r.remaining() > 0) {
                r.violation(Kind.MALFORMED, r.section, r.remaining() + " bytes after the last field of the " + p.type(),
                        r.pos, r.remaining());
            }
        } catch (Malformed m) {
            // The Remaining Length is shorter than the fields need: report once, keep what was decoded.
            int at = Math.min(m.at, p.length());
            r.violation(Kind.MALFORMED, r.section, m.getMessage(), at, p.length() - at);
        }
        closeContainers(p);
        sequence.track(p, connect, props);
    }

    private static void fixedHeader(PacketReader r) {
        MqttPacket p = r.packet;
        int b0 = r.b[0] & 0xFF;
        int flags = b0 & 0x0F;
        MqttPacketType type = p.type();
        MqttField fh = p.addField(new MqttField("Fixed header", "", 0, p.headerLength()));
        fh.add(new MqttField("Packet type", type + " (" + type.value() + ")", 0, 1)).bits(0xF0);
        MqttField ff = fh.add(new MqttField("Flags", Display.flagBits(flags), 0, 1)).bits(0x0F);
        int remaining = p.headerLength() > 1 ? p.length() - p.headerLength() : 0;
        fh.add(new MqttField("Remaining Length", Integer.toString(remaining), 1, p.headerLength() - 1));
        if (p.headerLength() > 2 && (r.b[p.headerLength() - 1] & 0xFF) == 0) {
            r.violation(Kind.MALFORMED, null, "MQTT-1.5.5-1", "Remaining Length uses more bytes than " + remaining + " needs",
                    1, p.headerLength() - 1);
        }
        if (type == MqttPacketType.PUBLISH) {
            p.dup = (flags & 0x08) != 0;
            p.qos = (flags >> 1) & 3;
            p.retain = (flags & 0x01) != 0;
            ff.add(new MqttField("DUP", p.dup ? "1" : "0", 0, 1)).bits(0x08);
            MqttField q = ff.add(new MqttField("QoS", Integer.toString(p.qos), 0, 1)).bits(0x06);
            ff.add(new MqttField("RETAIN", p.retain ? "1" : "0", 0, 1)).bits(0x01);
            if (p.qos == 3) {
                r.violation(Kind.MALFORMED, "MQTT-3.3.1-4", "a PUBLISH with both QoS bits set (QoS 3)", q);
            }
            if (p.dup && p.qos == 0) {
                r.violation(Kind.MALFORMED, "MQTT-3.3.1-2", "DUP is 1 on a QoS 0 PUBLISH", ff.child("DUP"));
            }
            return;
        }
        if (type == MqttPacketType.RESERVED || (type == MqttPacketType.AUTH && !r.v5)) {
            return;
        }
        int expected = type == MqttPacketType.PUBREL || type == MqttPacketType.SUBSCRIBE
                || type == MqttPacketType.UNSUBSCRIBE ? 2 : 0;
        ff.add(new MqttField("Reserved", Display.flagBits(flags), 0, 1)).bits(0x0F);
        if (flags != expected) {
            String specific;
            switch (type) {
                case PUBREL: specific = "MQTT-3.6.1-1"; break;
                case SUBSCRIBE: specific = "MQTT-3.8.1-1"; break;
                case UNSUBSCRIBE: specific = "MQTT-3.10.1-1"; break;
                case DISCONNECT: specific = "MQTT-3.14.1-1"; break;
                case AUTH: specific = "MQTT-3.15.1-1"; break;
                default: specific = null;
            }
            r.violation(Kind.MALFORMED, specific != null ? specific : "MQTT-2.2.2-1", specific != null ? specific : "MQTT-2.1.3-1",
                    "reserved flag bits of " + type + " are " + Display.flagBits(flags) + ", must be "
                            + Display.flagBits(expected), ff);
        }
    }

    /** Containers cover at least their children, also when decoding stopped inside them. */
    private static void closeContainers(MqttPacket p) {
        for (MqttField f : p.fields()) {
            close(f);
        }
    }

    private static int close(MqttField f) {
        int end = f.offset() + f.length();
        for (MqttField c : f.children()) {
            end = Math.max(end, close(c));
        }
        if (end > f.offset() + f.length()) {
            f.endAt(end);
        }
        return end;
    }
}
