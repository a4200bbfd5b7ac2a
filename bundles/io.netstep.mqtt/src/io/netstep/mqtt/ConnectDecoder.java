package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;

/** CONNECT (section 3.1). */
final class ConnectDecoder {

    private ConnectDecoder() {
    }

    /** What the rest of the connection needs to know from a CONNECT. */
    record Info(int level, boolean cleanStart, Properties.Values properties) { }

    static Info decode(PacketReader r) throws Malformed {
        r.section = "3.1";
        MqttPacket p = r.packet;
        MqttField vh = r.top("Variable header");
        String protocolName = r.utf8(vh, "Protocol Name");
        MqttField nameField = vh.child("Protocol Name");
        int level = r.u8(vh, "Protocol Level");
        MqttField levelField = vh.child("Protocol Level");
        levelField.setValue(level + (level == 4 ? " (3.1.1)" : level == 5 ? " (5.0)" : level == 3 ? " (3.1)" : ""));
        String expectedName = level == 3 ? "MQIsdp" : "MQTT";
        if (!protocolName.equals(expectedName)) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.1.2-1",
                    "Protocol Name is " + Utf8.quote(protocolName) + ", not \"" + expectedName + "\"", nameField);
        }
        if (level < 3 || level > 5) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.1.2-2",
                    "Protocol Level " + level + " is neither 4 (MQTT 3.1.1) nor 5 (MQTT 5.0)", levelField);
        }

        int flags = r.u8(vh, "Connect Flags");
        MqttField ff = vh.child("Connect Flags");
        ff.setValue(String.format("0x%02X", flags));
        boolean userName = (flags & 0x80) != 0;
        boolean password = (flags & 0x40) != 0;
        boolean willRetain = (flags & 0x20) != 0;
        int willQos = (flags >> 3) & 3;
        boolean will = (flags & 0x04) != 0;
        boolean clean = (flags & 0x02) != 0;
        bit(ff, "User Name Flag", 0x80, flags);
        bit(ff, "Password Flag", 0x40, flags);
        bit(ff, "Will Retain", 0x20, flags);
        ff.add(new MqttField("Will QoS", Integer.toString(willQos), ff.offset(), 1)).bits(0x18);
        bit(ff, "Will Flag", 0x04, flags);
        bit(ff, r.v5 ? "Clean Start" : "Clean Session", 0x02, flags);
        MqttField reserved = bit(ff, "Reserved", 0x01, flags);
        if ((flags & 0x01) != 0) {
            r.violation(Kind.MALFORMED, "MQTT-3.1.2-3", "the reserved Connect Flag is 1", reserved);
        }
        if (!will && willQos != 0) {
            r.violation(Kind.MALFORMED, "MQTT-3.1.2-13", "MQTT-3.1.2-11", "Will QoS is " + willQos + " but Will Flag is 0",
                    ff.child("Will QoS"));
        }
        if (willQos == 3) {
            r.violation(Kind.MALFORMED, "MQTT-3.1.2-14", "MQTT-3.1.2-12", "Will QoS is 3", ff.child("Will QoS"));
        }
        if (!will && willRetain) {
            r.violation(Kind.MALFORMED, "MQTT-3.1.2-15", "MQTT-3.1.2-13", "Will Retain is 1 but Will Flag is 0",
                    ff.child("Will Retain"));
        }
        if (!userName && password) {
            // 5.0 allows a Password without a User Name; 3.1.1 does not.
            r.violation(Kind.MALFORMED, "MQTT-3.1.2-22", null, "Password Flag is 1 but User Name Flag is 0", ff);
        }
        p.keepAlive = r.u16(vh, "Keep Alive");
        Properties.Values props = r.v5 ? Properties.read(r, vh, Properties.Place.CONNECT) : new Properties.Values();
        vh.endAt(r.pos);

        MqttField pl = r.top("Payload");
        try {
            if (r.remaining() == 0) {
                r.violation(Kind.MALFORMED, "MQTT-3.1.3-3", "the Client Identifier is missing", r.pos, 0);
                return new Info(level, clean, props);
            }
            p.clientId = r.utf8(pl, "Client Identifier");
            if (p.clientId.isEmpty() && !clean && !r.v5) {
                r.violation(Kind.PROTOCOL_ERROR, "MQTT-3.1.3-7", null,
                        "zero-byte Client Identifier with CleanSession 0", pl.child("Client Identifier"));
            }
            if (will) {
                if (r.v5) {
                    Properties.read(r, pl, Properties.Place.WILL);
                }
                if (r.remaining() == 0) {
                    r.violation(Kind.MALFORMED, "MQTT-3.1.2-9", "Will Flag is 1 but the Will Topic is missing", r.pos, 0);
                    return new Info(level, clean, props);
                }
                String willTopic = r.utf8(pl, "Will Topic");
                checkTopicName(r, willTopic, pl.child("Will Topic"));
                r.binary(pl, r.v5 ? "Will Payload" : "Will Message");
            }
            if (userName) {
                if (r.remaining() == 0) {
                    r.violation(Kind.MALFORMED, "MQTT-3.1.2-19", "MQTT-3.1.2-17",
                            "User Name Flag is 1 but the User Name is missing", r.pos, 0);
                    return new Info(level, clean, props);
                }
                r.utf8(pl, "User Name");
            }
            if (password) {
                if (r.remaining() == 0) {
                    r.violation(Kind.MALFORMED, "MQTT-3.1.2-21", "MQTT-3.1.2-19",
                            "Password Flag is 1 but the Password is missing", r.pos, 0);
                    return new Info(level, clean, props);
                }
                r.binary(pl, "Password");
                pl.child("Password").markSensitive();
            }
            if (r.remaining() > 0) {
                String what = "bytes after the last payload field the Connect Flags announce";
                if (!userName) {
                    r.violation(Kind.MALFORMED, "MQTT-3.1.2-18", "MQTT-3.1.2-16", r.remaining() + " " + what
                            + " (a User Name without its flag?)", r.pos, r.remaining());
                } else if (!password) {
                    r.violation(Kind.MALFORMED, "MQTT-3.1.2-20", "MQTT-3.1.2-18", r.remaining() + " " + what
                            + " (a Password without its flag?)", r.pos, r.remaining());
                } else {
                    r.violation(Kind.MALFORMED, "3.1.3", r.remaining() + " " + what, r.pos, r.remaining());
                }
                r.pos = r.end;
            }
        } finally {
            pl.endAt(r.pos);
        }
        return new Info(level, clean, props);
    }

    private static MqttField bit(MqttField parent, String name, int mask, int flags) {
        return parent.add(new MqttField(name, (flags & mask) != 0 ? "1" : "0", parent.offset(), 1)).bits(mask);
    }

    /** Rules for a Topic Name (PUBLISH, Will Topic): no wildcards, not empty. */
    static void checkTopicName(PacketReader r, String topic, MqttField f) {
        if (Topics.hasWildcard(topic)) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.1-1", "MQTT-4.7.0-1",
                    f.name() + " " + Utf8.quote(topic) + " contains a wildcard character", f);
        }
        if (topic.isEmpty()) {
            r.violation(Kind.PROTOCOL_ERROR, "MQTT-4.7.3-1", f.name() + " is empty", f);
        }
    }
}
