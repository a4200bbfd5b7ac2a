package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttField;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttPacketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONNECT built by hand from spec section 3.1, checked field by field and byte range by byte range. */
class ConnectTest {

    static void range(MqttField f, int offset, int length) {
        assertNotNull(f);
        assertEquals(offset, f.offset(), f.name() + " offset");
        assertEquals(length, f.length(), f.name() + " length");
    }

    @Test
    void mqtt311ConnectWithUserNameAndPassword() {
        byte[] b = packet(0x10, str("MQTT"), u8(4), u8(0xC2), u16(60), str("dev1"), str("u"), str("secret"));
        MqttConnection c = new MqttConnection();
        List<MqttPacket> ps = c.decoder(Direction.CLIENT_TO_SERVER).feed(b);
        assertEquals(1, ps.size());
        MqttPacket p = ps.get(0);
        assertEquals(MqttPacketType.CONNECT, p.type());
        assertEquals(4, c.protocolLevel(), "level learned from the CONNECT");
        assertEquals(List.of(), p.violations());
        assertEquals(b.length, p.length());
        range(p.field("Fixed header"), 0, 2);
        range(p.field("Fixed header", "Packet type"), 0, 1);
        assertEquals("CONNECT (1)", p.field("Fixed header", "Packet type").value());
        assertEquals(0xF0, p.field("Fixed header", "Packet type").bitMask());
        range(p.field("Fixed header", "Remaining Length"), 1, 1);
        assertEquals(Integer.toString(b.length - 2), p.field("Fixed header", "Remaining Length").value());
        range(p.field("Variable header", "Protocol Name"), 2, 6);
        assertEquals("\"MQTT\"", p.field("Variable header", "Protocol Name").value());
        range(p.field("Variable header", "Protocol Level"), 8, 1);
        MqttField flags = p.field("Variable header", "Connect Flags");
        range(flags, 9, 1);
        assertEquals("1", flags.child("User Name Flag").value());
        assertEquals(0x80, flags.child("User Name Flag").bitMask());
        assertEquals("1", flags.child("Password Flag").value());
        assertEquals("0", flags.child("Will Flag").value());
        assertEquals("1", flags.child("Clean Session").value());
        assertEquals("0", flags.child("Reserved").value());
        range(p.field("Variable header", "Keep Alive"), 10, 2);
        assertEquals(60, p.keepAlive());
        range(p.field("Payload"), 12, 2 + 4 + 3 + 8);
        range(p.field("Payload", "Client Identifier"), 12, 6);
        assertEquals("dev1", p.clientId());
        range(p.field("Payload", "User Name"), 18, 3);
        MqttField pw = p.field("Payload", "Password");
        range(pw, 21, 8);
        assertTrue(pw.sensitive());
        assertTrue(pw.value().contains("736563726574"), "value() gives the bytes to a UI that asks");
        assertFalse(pw.toString().contains("736563726574"));
        assertFalse(p.text().contains("736563726574"), "text output masks the password");
        assertTrue(p.text().contains("Password = ****"));
    }

    @Test
    void mqtt311WillTopicAndMessage() {
        byte[] b = packet(0x10, str("MQTT"), u8(4), u8(0x2E), u16(0), str("c"), str("dead/c"), bin(utf8("bye")));
        MqttPacket p = decode(Direction.CLIENT_TO_SERVER, 0, b).get(0);
        assertEquals(List.of(), p.violations());
        MqttField flags = p.field("Variable header", "Connect Flags");
        assertEquals("1", flags.child("Will Retain").value());
        assertEquals("1", flags.child("Will QoS").value());
        assertEquals(0x18, flags.child("Will QoS").bitMask());
        range(p.field("Payload", "Will Topic"), 15, 8);
        assertEquals("\"dead/c\"", p.field("Payload", "Will Topic").value());
        range(p.field("Payload", "Will Message"), 23, 5);
    }

    @Test
    void mqtt5ConnectWithPropertiesAndWillProperties() {
        byte[] props = props(u8(0x11), u32(3600), u8(0x21), u16(20), u8(0x26), str("k"), str("v"));
        byte[] will = props(u8(0x18), u32(5));
        byte[] b = packet(0x10, str("MQTT"), u8(5), u8(0x06), u16(30), props, str("id5"), will, str("w/t"), bin(u8(1, 2)));
        MqttConnection c = new MqttConnection();
        MqttPacket p = c.decoder(Direction.CLIENT_TO_SERVER).feed(b).get(0);
        assertEquals(5, c.protocolLevel());
        assertTrue(p.isMqtt5());
        assertEquals(List.of(), p.violations());
        assertEquals("1", p.field("Variable header", "Connect Flags", "Clean Start").value());
        MqttField pr = p.field("Variable header", "Properties");
        range(pr, 12, props.length);
        range(pr.child("Property Length"), 12, 1);
        MqttField sei = pr.child("Session Expiry Interval");
        range(sei, 13, 5);
        assertEquals("3600", sei.value());
        range(sei.child("Identifier"), 13, 1);
        assertEquals("0x11", sei.child("Identifier").value());
        range(pr.child("Receive Maximum"), 18, 3);
        assertEquals("\"k\": \"v\"", pr.child("User Property").value());
        int payloadAt = 12 + props.length;
        range(p.field("Payload", "Client Identifier"), payloadAt, 5);
        MqttField wp = p.field("Payload", "Will Properties");
        range(wp, payloadAt + 5, will.length);
        assertEquals("5", wp.child("Will Delay Interval").value());
        assertEquals("\"w/t\"", p.field("Payload", "Will Topic").value());
        assertNotNull(p.field("Payload", "Will Payload"));
        assertEquals("id5", p.clientId());
        assertEquals(30, p.keepAlive());
    }

    @Test
    void serverDirectionLearnsMqtt5FromTheClientsConnect() {
        MqttConnection c = new MqttConnection();
        c.decoder(Direction.CLIENT_TO_SERVER).feed(connect5("x", props()));
        // an MQTT 5 CONNACK: flags, reason code 0x87, properties with a Reason String
        MqttPacket ack = c.decoder(Direction.SERVER_TO_CLIENT).feed(connack5(0x87, props(u8(0x1F), str("no")))).get(0);
        assertTrue(ack.isMqtt5());
        assertEquals(0x87, ack.reasonCode());
        assertNull(ack.returnCode());
        assertEquals("0x87 Not authorized", ack.field("Variable header", "Connect Reason Code").value());
        assertEquals("\"no\"", ack.field("Variable header", "Properties", "Reason String").value());
        assertEquals(List.of(), ack.violations());
    }
}
