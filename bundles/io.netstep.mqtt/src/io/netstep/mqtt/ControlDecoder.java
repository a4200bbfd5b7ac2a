package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;

/** PINGREQ, PINGRESP, DISCONNECT, AUTH (sections 3.12 - 3.15), and the reserved packet types. */
final class ControlDecoder {

    private ControlDecoder() {
    }

    static void ping(PacketReader r) {
        String sec = r.packet.type() == MqttPacketType.PINGREQ ? "3.12" : "3.13";
        r.section = sec;
        if (r.remaining() != 0) {
            r.violation(Kind.MALFORMED, sec + ".1", "Remaining Length is " + r.remaining() + "; a " + r.packet.type()
                    + "'s is 0", 1, r.packet.headerLength() - 1);
            r.pos = r.end;
        }
    }

    static Properties.Values disconnect(PacketReader r, Direction dir) throws Malformed {
        r.section = "3.14";
        MqttPacket p = r.packet;
        Properties.Values props = new Properties.Values();
        if (!r.v5) {
            if (r.remaining() != 0) {
                r.violation(Kind.MALFORMED, "3.14.1", "Remaining Length is " + r.remaining() + "; a DISCONNECT's is 0", 1,
                        p.headerLength() - 1);
                r.pos = r.end;
            }
            return props;
        }
        p.reasonCode = 0;
        if (r.remaining() == 0) {
            return props;
        }
        MqttField vh = r.top("Variable header");
        p.reasonCode = PublishDecoder.reasonCode(r, vh, "Disconnect Reason Code", "MQTT-3.14.2-1");
        if (r.remaining() > 0) {
            props = Properties.read(r, vh, Properties.Place.DISCONNECT);
            if (dir == Direction.SERVER_TO_CLIENT && props.has(Properties.SESSION_EXPIRY_INTERVAL)) {
                r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.14.2-2", "the Server sends a Session Expiry Interval",
                        props.fields.get(Properties.SESSION_EXPIRY_INTERVAL));
            }
        }
        vh.endAt(r.pos);
        return props;
    }

    static Properties.Values auth(PacketReader r) throws Malformed {
        r.section = "3.15";
        MqttPacket p = r.packet;
        p.reasonCode = 0;
        if (r.remaining() == 0) {
            return new Properties.Values();
        }
        MqttField vh = r.top("Variable header");
        p.reasonCode = PublishDecoder.reasonCode(r, vh, "Authenticate Reason Code", "MQTT-3.15.2-1");
        Properties.Values props = new Properties.Values();
        if (r.remaining() > 0) {
            props = Properties.read(r, vh, Properties.Place.AUTH);
        }
        vh.endAt(r.pos);
        return props;
    }

    /** Packet type 0 (both specs) or 15 before MQTT 5: forbidden; the bytes are shown as they are. */
    static void reserved(PacketReader r) {
        r.section = r.v5 ? "2.1.2" : "2.2.1";
        r.violation(Kind.MALFORMED, "2.2.1", "2.1.2", "packet type " + r.packet.type().value() + " is reserved (forbidden)",
                0, 1);
        if (r.remaining() > 0) {
            byte[] data = new byte[r.remaining()];
            System.arraycopy(r.b, r.pos, data, 0, data.length);
            r.packet.addField(new MqttField("Data", Display.binary(data), r.pos, data.length));
            r.pos = r.end;
        }
    }
}
