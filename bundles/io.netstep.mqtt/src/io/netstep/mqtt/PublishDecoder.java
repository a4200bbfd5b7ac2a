package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;

/** PUBLISH (section 3.3) and its acknowledgements PUBACK, PUBREC, PUBREL, PUBCOMP (3.4 - 3.7). */
final class PublishDecoder {

    private PublishDecoder() {
    }

    static Properties.Values publish(PacketReader r, Direction dir) throws Malformed {
        r.section = "3.3";
        MqttPacket p = r.packet;
        MqttField vh = r.top("Variable header");
        if (r.remaining() < 2) {
            r.violation(Kind.MALFORMED, "MQTT-3.3.2-1", "the Topic Name is missing", r.pos, r.remaining());
            r.pos = r.end;
            vh.endAt(r.pos);
            return new Properties.Values();
        }
        p.topic = r.utf8(vh, "Topic Name");
        MqttField tf = vh.child("Topic Name");
        if (Topics.hasWildcard(p.topic)) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.3.2-2", "Topic Name " + Utf8.quote(p.topic) + " contains a wildcard", tf);
        }
        if (p.topic.isEmpty() && !r.v5) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.3-1", "the Topic Name is empty", tf);
        }
        if (p.qos > 0) {
            p.packetId = r.u16(vh, "Packet Identifier");
            if (p.packetId == 0) {
                r.violation(Kind.PROTOCOL_ERROR, "MQTT-2.3.1-1",
                        dir == Direction.CLIENT_TO_SERVER ? "MQTT-2.2.1-3" : "MQTT-2.2.1-4",
                        "Packet Identifier 0 in a PUBLISH with QoS " + p.qos, vh.child("Packet Identifier"));
            }
        }
        Properties.Values props = new Properties.Values();
        if (r.v5) {
            props = Properties.read(r, vh, Properties.Place.PUBLISH);
            if (p.topic.isEmpty() && !props.has(Properties.TOPIC_ALIAS)) {
                r.violation(Kind.PROTOCOL_ERROR, null, "3.3.2.1", "the Topic Name is empty and there is no Topic Alias", tf);
            }
            if (dir == Direction.CLIENT_TO_SERVER && props.has(Properties.SUBSCRIPTION_IDENTIFIER)) {
                r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.3.4-6",
                        "a PUBLISH from the Client carries a Subscription Identifier",
                        props.fields.get(Properties.SUBSCRIPTION_IDENTIFIER));
            }
        }
        vh.endAt(r.pos);
        int n = r.remaining();
        byte[] payload = new byte[n];
        System.arraycopy(r.b, r.pos, payload, 0, n);
        p.payload = payload;
        MqttField top = p.addField(new MqttField("Payload", Display.payload(payload), r.pos, n));
        r.pos += n;
        if (r.v5 && props.number(Properties.PAYLOAD_FORMAT_INDICATOR, 0) == 1 && !Utf8.isWellFormed(payload)) {
            r.violation(Kind.PROTOCOL_ERROR, null, "3.3.2.3.2",
                    "Payload Format Indicator says UTF-8 but the payload is not well-formed UTF-8", top);
        }
        return props;
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: Packet Identifier, then (5.0) Reason Code and Properties. */
    static void ack(PacketReader r) throws Malformed {
        MqttPacket p = r.packet;
        MqttPacketType type = p.type();
        int sec = type.value(); // PUBACK 4 is section 3.4, ... PUBCOMP 7 is 3.7
        r.section = "3." + sec;
        if (!r.v5 && r.remaining() != 2) {
            r.violation(Kind.MALFORMED, "3." + sec + ".1", "Remaining Length is " + r.remaining() + "; a " + type + "'s is 2",
                    1, p.headerLength() - 1);
        }
        MqttField vh = r.top("Variable header");
        p.packetId = r.u16(vh, "Packet Identifier");
        if (p.packetId == 0) {
            r.violation(Kind.PROTOCOL_ERROR, "2.3.1", "2.2.1", "Packet Identifier 0", vh.child("Packet Identifier"));
        }
        if (r.v5) {
            p.reasonCode = 0;
            if (r.remaining() > 0) {
                p.reasonCode = reasonCode(r, vh, "Reason Code", "MQTT-3." + sec + ".2-1");
                if (r.remaining() > 0) {
                    Properties.read(r, vh, Properties.Place.valueOf(type.name()));
                }
            }
        }
        vh.endAt(r.pos);
    }

    /** A 5.0 Reason Code byte, named for its packet type, checked against the packet's table. */
    static int reasonCode(PacketReader r, MqttField parent, String name, String rule) throws Malformed {
        int code = r.u8(parent, name);
        MqttField f = parent.children().get(parent.children().size() - 1);
        MqttPacketType type = r.packet.type();
        f.setValue(Display.code(code, Codes.reason5(type, code)));
        if (!Codes.allowed5(type, code)) {
            r.violation(Kind.PROTOCOL_ERROR, null, rule, String.format("0x%02X is not a %s Reason Code", code, type), f);
        }
        return code;
    }
}
