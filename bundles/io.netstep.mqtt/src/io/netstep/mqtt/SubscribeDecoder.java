package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;
import java.util.ArrayList;

/** SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK (sections 3.8 - 3.11). */
final class SubscribeDecoder {

    private SubscribeDecoder() {
    }

    static void subscribe(PacketReader r) throws Malformed {
        r.section = "3.8";
        MqttPacket p = r.packet;
        MqttField vh = r.top("Variable header");
        clientPacketId(r, vh);
        if (r.v5) {
            Properties.read(r, vh, Properties.Place.SUBSCRIBE);
        }
        vh.endAt(r.pos);
        MqttField pl = r.top("Payload");
        p.topicFilters = new ArrayList<>();
        p.requestedQos = new ArrayList<>();
        try {
            while (r.remaining() > 0) {
                MqttField sub = r.group(pl, "Subscription");
                String filter = topicFilter(r, sub, "MQTT-3.8.3-1");
                p.topicFilters.add(filter);
                int o = r.u8(sub, r.v5 ? "Subscription Options" : "Requested QoS");
                MqttField of = sub.children().get(sub.children().size() - 1);
                sub.endAt(r.pos);
                sub.setValue(Utf8.quote(filter) + " QoS " + (o & 3));
                p.requestedQos.add(o & 3);
                if (r.v5) {
                    options5(r, of, o, filter);
                } else {
                    of.bits(0x03).setValue(Integer.toString(o & 3));
                    if ((o & 0xFC) != 0) {
                        r.violation(Kind.MALFORMED, "MQTT-3-8.3-4", "reserved bits 7-2 of the Requested QoS byte are not 0", of);
                    }
                    if ((o & 3) == 3) {
                        r.violation(Kind.MALFORMED, "MQTT-3-8.3-4", "Requested QoS is 3", of);
                    }
                }
            }
        } finally {
            pl.endAt(r.pos);
        }
        if (p.topicFilters.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.8.3-3", "MQTT-3.8.3-2", "a SUBSCRIBE without Topic Filters", pl);
        }
    }

    private static void options5(PacketReader r, MqttField of, int o, String filter) {
        of.setValue(String.format("0x%02X", o));
        int at = of.offset();
        of.add(new MqttField("Maximum QoS", Integer.toString(o & 3), at, 1)).bits(0x03);
        of.add(new MqttField("No Local", Integer.toString((o >> 2) & 1), at, 1)).bits(0x04);
        of.add(new MqttField("Retain As Published", Integer.toString((o >> 3) & 1), at, 1)).bits(0x08);
        of.add(new MqttField("Retain Handling", Integer.toString((o >> 4) & 3), at, 1)).bits(0x30);
        MqttField res = of.add(new MqttField("Reserved", Integer.toString(o >> 6), at, 1)).bits(0xC0);
        if ((o & 0xC0) != 0) {
            r.violation(Kind.MALFORMED, null, "MQTT-3.8.3-5", "reserved bits 7-6 of the Subscription Options are not 0", res);
        }
        if ((o & 3) == 3) {
            r.violation(Kind.MALFORMED, null, "3.8.3.1", "Maximum QoS is 3", of.child("Maximum QoS"));
        }
        if (((o >> 4) & 3) == 3) {
            r.violation(Kind.PROTOCOL_ERROR, null, "3.8.3.1", "Retain Handling is 3", of.child("Retain Handling"));
        }
        if ((o & 0x04) != 0 && Topics.isShared(filter)) {
            r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.8.3-4", "No Local is 1 on a Shared Subscription",
                    of.child("No Local"));
        }
    }

    static void unsubscribe(PacketReader r) throws Malformed {
        r.section = "3.10";
        MqttPacket p = r.packet;
        MqttField vh = r.top("Variable header");
        clientPacketId(r, vh);
        if (r.v5) {
            Properties.read(r, vh, Properties.Place.UNSUBSCRIBE);
        }
        vh.endAt(r.pos);
        MqttField pl = r.top("Payload");
        p.topicFilters = new ArrayList<>();
        try {
            while (r.remaining() > 0) {
                p.topicFilters.add(topicFilter(r, pl, "MQTT-3.10.3-1"));
            }
        } finally {
            pl.endAt(r.pos);
        }
        if (p.topicFilters.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.10.3-2", "an UNSUBSCRIBE without Topic Filters", pl);
        }
    }

    static void suback(PacketReader r) throws Malformed {
        r.section = "3.9";
        MqttPacket p = r.packet;
        MqttField vh = r.top("Variable header");
        p.packetId = r.u16(vh, "Packet Identifier");
        if (r.v5) {
            Properties.read(r, vh, Properties.Place.SUBACK);
        }
        vh.endAt(r.pos);
        MqttField pl = r.top("Payload");
        p.returnCodes = new ArrayList<>();
        while (r.remaining() > 0) {
            int code;
            if (r.v5) {
                code = PublishDecoder.reasonCode(r, pl, "Reason Code", "MQTT-3.9.3-2");
            } else {
                code = r.u8(pl, "Return Code");
                MqttField f = pl.children().get(pl.children().size() - 1);
                f.setValue(Display.code(code, Codes.subackReturn311(code)));
                if (code > 2 && code != 0x80) {
                    r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.9.3-2", String.format("SUBACK return code 0x%02X is reserved", code), f);
                }
            }
            p.returnCodes.add(code);
        }
        pl.endAt(r.pos);
        if (p.returnCodes.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, "3.9.3", "a SUBACK without return codes", pl);
        }
    }

    static void unsuback(PacketReader r) throws Malformed {
        r.section = "3.11";
        MqttPacket p = r.packet;
        if (!r.v5 && r.remaining() != 2) {
            r.violation(Kind.MALFORMED, "3.11.1", "Remaining Length is " + r.remaining() + "; an UNSUBACK's is 2", 1,
                    p.headerLength() - 1);
        }
        MqttField vh = r.top("Variable header");
        p.packetId = r.u16(vh, "Packet Identifier");
        if (!r.v5) {
            vh.endAt(r.pos);
            return;
        }
        Properties.read(r, vh, Properties.Place.UNSUBACK);
        vh.endAt(r.pos);
        MqttField pl = r.top("Payload");
        p.returnCodes = new ArrayList<>();
        while (r.remaining() > 0) {
            p.returnCodes.add(PublishDecoder.reasonCode(r, pl, "Reason Code", "MQTT-3.11.3-2"));
        }
        pl.endAt(r.pos);
        if (p.returnCodes.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, null, "3.11.3", "an UNSUBACK without Reason Codes", pl);
        }
    }

    /** Packet Identifier of a packet the Client sends (SUBSCRIBE, UNSUBSCRIBE): it must not be 0. */
    private static void clientPacketId(PacketReader r, MqttField vh) throws Malformed {
        r.packet.packetId = r.u16(vh, "Packet Identifier");
        if (r.packet.packetId == 0) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-2.3.1-1", "MQTT-2.2.1-3",
                    "Packet Identifier 0 in a " + r.packet.type(), vh.child("Packet Identifier"));
        }
    }

    /** A Topic Filter with the filter rules of section 4.7 (and 4.8.2 in 5.0). */
    private static String topicFilter(PacketReader r, MqttField parent, String utf8Rule) throws Malformed {
        int before = r.packet.violations().size();
        String filter = r.utf8(parent, "Topic Filter");
        MqttField f = parent.children().get(parent.children().size() - 1);
        if (r.packet.violations().size() > before) {
            // name the rule of this packet too: the Topic Filters MUST be UTF-8 Encoded Strings
            r.violation(Kind.MALFORMED, utf8Rule, "the Topic Filter is not a valid UTF-8 Encoded String", f);
        }
        if (filter.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.3-1", "the Topic Filter is empty", f);
        }
        if (Topics.badMultiLevel(filter) >= 0) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.1-2", "MQTT-4.7.1-1", "Topic Filter " + Utf8.quote(filter)
                    + ": '#' must be alone or after '/', and last", f);
        }
        if (Topics.badSingleLevel(filter) >= 0) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.1-3", "MQTT-4.7.1-2", "Topic Filter " + Utf8.quote(filter)
                    + ": '+' must occupy an entire level", f);
        }
        if (r.v5 && Topics.isShared(filter)) {
            String problem = Topics.sharedProblem(filter);
            if (problem != null) {
                int colon = problem.indexOf(':');
                r.violation(Kind.PROTOCOL_ERROR, null, problem.substring(0, colon),
                        "Shared Subscription " + Utf8.quote(filter) + ": " + problem.substring(colon + 1), f);
            }
        }
        return filter;
    }
}
