package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;

/** CONNACK (section 3.2). */
final class ConnackDecoder {

    private ConnackDecoder() {
    }

    static Properties.Values decode(PacketReader r) throws Malformed {
        r.section = "3.2";
        MqttPacket p = r.packet;
        int remaining = r.remaining();
        if (!r.v5 && remaining != 2) {
            r.violation(Kind.MALFORMED, "3.2.1", "Remaining Length is " + remaining + "; a CONNACK's is 2", 1,
                    p.headerLength() - 1);
        }
        MqttField vh = r.top("Variable header");
        int flags = r.u8(vh, "Connect Acknowledge Flags");
        MqttField ff = vh.child("Connect Acknowledge Flags");
        ff.setValue(String.format("0x%02X", flags));
        MqttField sp = ff.add(new MqttField("Session Present", (flags & 1) != 0 ? "1" : "0", ff.offset(), 1)).bits(0x01);
        MqttField reserved = ff.add(new MqttField("Reserved", Integer.toString(flags >> 1), ff.offset(), 1)).bits(0xFE);
        if ((flags & 0xFE) != 0) {
            r.violation(Kind.MALFORMED, "3.2.2.1", "MQTT-3.2.2-1", "reserved Connect Acknowledge Flags bits 7-1 are not 0",
                    reserved);
        }
        int code = r.u8(vh, r.v5 ? "Connect Reason Code" : "Connect Return Code");
        MqttField cf = vh.children().get(vh.children().size() - 1);
        if (r.v5) {
            p.reasonCode = code;
            cf.setValue(Display.code(code, Codes.reason5(MqttPacketType.CONNACK, code)));
            if (!Codes.allowed5(MqttPacketType.CONNACK, code)) {
                r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.2.2-8",
                        String.format("0x%02X is not a CONNACK Reason Code", code), cf);
            }
        } else {
            p.returnCode = code;
            cf.setValue(Display.code(code, Codes.connectReturn311(code)));
            if (code > 5) {
                r.violation(Kind.PROTOCOL_ERROR, "3.2.2.3", String.format("Connect Return Code 0x%02X is reserved", code), cf);
            }
        }
        if ((flags & 1) != 0 && code != 0) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.2.2-4", "MQTT-3.2.2-6",
                    "Session Present is 1 with a non-zero " + (r.v5 ? "Reason Code" : "return code"), sp);
        }
        Properties.Values props = new Properties.Values();
        if (r.v5) {
            if (r.remaining() == 0) {
                r.violation(Kind.MALFORMED, null, "MQTT-2.2.2-1", "the Property Length is missing (0 must be sent)", r.pos, 0);
            } else {
                props = Properties.read(r, vh, Properties.Place.CONNACK);
            }
        }
        vh.endAt(r.pos);
        return props;
    }
}
