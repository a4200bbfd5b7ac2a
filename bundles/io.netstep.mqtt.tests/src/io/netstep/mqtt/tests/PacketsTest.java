package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.ConnectTest.range;
import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttField;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttPacketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other packet types of both versions, built from the spec's layouts. */
class PacketsTest {

    static final Direction C2S = Direction.CLIENT_TO_SERVER;
    static final Direction S2C = Direction.SERVER_TO_CLIENT;

    @Test
    void connack311NamesTheReturnCode() {
        MqttPacket p = decode(S2C, 4, connack311(5)).get(0);
        assertEquals(5, p.returnCode());
        assertNull(p.reasonCode());
        MqttField rc = p.field("Variable header", "Connect Return Code");
        range(rc, 3, 1);
        assertEquals("0x05 Connection Refused, not authorized", rc.value());
        assertEquals("0", p.field("Variable header", "Connect Acknowledge Flags", "Session Present").value());
        assertEquals(List.of(), p.violations());
        assertEquals("0x00 Connection Accepted",
                decode(S2C, 4, connack311(0)).get(0).field("Variable header", "Connect Return Code").value());
    }

    @Test
    void publishQos1WithFlagsTopicIdAndPayload() {
        byte[] b = packet(0x3B, str("a/b"), u16(7), utf8("hello"));
        MqttPacket p = decode(C2S, 4, b).get(0);
        assertEquals(MqttPacketType.PUBLISH, p.type());
        assertEquals(List.of(), p.violations());
        assertTrue(p.dup());
        assertEquals(1, p.qos());
        assertTrue(p.retain());
        MqttField flags = p.field("Fixed header", "Flags");
        assertEquals("1", flags.child("DUP").value());
        assertEquals(0x06, flags.child("QoS").bitMask());
        range(p.field("Variable header", "Topic Name"), 2, 5);
        range(p.field("Variable header", "Packet Identifier"), 7, 2);
        range(p.field("Payload"), 9, 5);
        assertEquals("a/b", p.topic());
        assertEquals(7, p.packetId());
        assertArrayEquals(utf8("hello"), p.payload());
        assertEquals("5 bytes: \"hello\"", p.field("Payload").value());
    }

    @Test
    void publishQos0HasNoPacketIdentifierAndBinaryPayloadShowsHex() {
        MqttPacket p = decode(S2C, 4, packet(0x30, str("t"), u8(0, 1, 0xFF))).get(0);
        assertEquals(-1, p.packetId());
        assertNull(p.field("Variable header", "Packet Identifier"));
        assertEquals("3 bytes: 0001ff", p.field("Payload").value());
    }

    @Test
    void publish5WithPropertiesAndTopicAlias() {
        byte[] b = packet(0x32, str("s/1"), u16(9), props(u8(0x01), u8(1), u8(0x23), u16(1), u8(0x03), str("text/plain")),
                utf8("{}"));
        MqttPacket p = decode(C2S, 5, b).get(0);
        MqttField pr = p.field("Variable header", "Properties");
        assertEquals("1", pr.child("Payload Format Indicator").value());
        assertEquals("1", pr.child("Topic Alias").value());
        assertEquals("\"text/plain\"", pr.child("Content Type").value());
        assertArrayEquals(utf8("{}"), p.payload());
        assertEquals(List.of(), p.violations(), "joined mid-connection: the Topic Alias Maximum is unknown");
    }

    @Test
    void acknowledgements311And5() {
        for (int first : new int[] {0x40, 0x50, 0x62, 0x70}) {
            MqttPacket p = decode(S2C, 4, packet(first, u16(300))).get(0);
            assertEquals(300, p.packetId());
            range(p.field("Variable header", "Packet Identifier"), 2, 2);
            assertEquals(List.of(), p.violations(), p.text());
        }
        MqttPacket p5 = decode(S2C, 5, packet(0x40, u16(3), u8(0x10), props(u8(0x1F), str("none")))).get(0);
        assertEquals(0x10, p5.reasonCode());
        assertEquals("0x10 No matching subscribers", p5.field("Variable header", "Reason Code").value());
        assertEquals("\"none\"", p5.field("Variable header", "Properties", "Reason String").value());
        MqttPacket short5 = decode(S2C, 5, packet(0x70, u16(3))).get(0);
        assertEquals(0, short5.reasonCode(), "a missing Reason Code means 0x00 Success");
    }

    @Test
    void subscribeAndSuback311() {
        MqttPacket s = decode(C2S, 4, packet(0x82, u16(10), str("a/+"), u8(1), str("b/#"), u8(2))).get(0);
        assertEquals(List.of(), s.violations());
        assertEquals(List.of("a/+", "b/#"), s.topicFilters());
        assertEquals(List.of(1, 2), s.requestedQos());
        List<MqttField> subs = s.field("Payload").children("Subscription");
        assertEquals(2, subs.size());
        range(subs.get(0), 4, 6);
        range(subs.get(0).child("Topic Filter"), 4, 5);
        range(subs.get(0).child("Requested QoS"), 9, 1);
        MqttPacket a = decode(S2C, 4, packet(0x90, u16(10), u8(1, 0x80))).get(0);
        assertEquals(List.of(1, 0x80), a.returnCodes());
        assertEquals("0x80 Failure", a.field("Payload").children("Return Code").get(1).value());
    }

    @Test
    void subscribe5OptionsAndSubackReasonCodes() {
        MqttPacket s = decode(C2S, 5, packet(0x82, u16(11), props(u8(0x0B), vbi(200)), str("x/y"), u8(0x2D))).get(0);
        assertEquals(List.of(), s.violations());
        MqttField o = s.field("Payload", "Subscription", "Subscription Options");
        assertEquals("1", o.child("Maximum QoS").value());
        assertEquals("1", o.child("No Local").value());
        assertEquals("1", o.child("Retain As Published").value());
        assertEquals("2", o.child("Retain Handling").value());
        MqttField sid = s.field("Variable header", "Properties", "Subscription Identifier");
        assertEquals("200", sid.value());
        range(sid, 5, 3); // identifier byte + 2-byte Variable Byte Integer
        MqttPacket a = decode(S2C, 5, packet(0x90, u16(11), props(), u8(0xA2))).get(0);
        assertEquals("0xA2 Wildcard Subscriptions not supported", a.field("Payload", "Reason Code").value());
    }

    @Test
    void unsubscribeUnsubackPingDisconnectAuth() {
        MqttPacket u = decode(C2S, 4, packet(0xA2, u16(4), str("a"), str("b/c"))).get(0);
        assertEquals(List.of("a", "b/c"), u.topicFilters());
        assertEquals(List.of(), u.violations());
        assertEquals(4, decode(S2C, 4, packet(0xB0, u16(4))).get(0).packetId());
        MqttPacket ua5 = decode(S2C, 5, packet(0xB0, u16(4), props(), u8(0x11, 0x00))).get(0);
        assertEquals(List.of(0x11, 0x00), ua5.returnCodes());
        assertEquals(MqttPacketType.PINGREQ, decode(C2S, 4, u8(0xC0, 0)).get(0).type());
        assertEquals(MqttPacketType.PINGRESP, decode(S2C, 4, u8(0xD0, 0)).get(0).type());
        assertEquals(List.of(), decode(C2S, 4, u8(0xE0, 0)).get(0).violations());
        MqttPacket d5 = decode(S2C, 5, packet(0xE0, u8(0x8E), props(u8(0x1F), str("taken")))).get(0);
        assertEquals(0x8E, d5.reasonCode());
        assertEquals("0x8E Session taken over", d5.field("Variable header", "Disconnect Reason Code").value());
        MqttPacket auth = decode(C2S, 5, packet(0xF0, u8(0x19), props(u8(0x15), str("SCRAM"), u8(0x16), bin(u8(9, 9))))).get(0);
        assertEquals(MqttPacketType.AUTH, auth.type());
        assertEquals("0x19 Re-authenticate", auth.field("Variable header", "Authenticate Reason Code").value());
        MqttField data = auth.field("Variable header", "Properties", "Authentication Data");
        assertTrue(data.sensitive());
        assertFalse(auth.text().contains("0909"));
    }

    @Test
    void largeRemainingLengthUsesSeveralBytes() {
        byte[] payload = new byte[20000];
        byte[] b = packet(0x30, str("big"), payload);
        MqttPacket p = decode(C2S, 4, b).get(0);
        range(p.field("Fixed header", "Remaining Length"), 1, 3);
        assertEquals(b.length, p.length());
        assertEquals(20000, p.payload().length);
        assertEquals(List.of(), p.violations());
    }
}
