package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttViolation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule a receiver can check on one packet, with the spec's statement id (or section) for
 * the version in use. Level 4/5 means "joined mid-connection" so only the packet's own rules
 * apply; level 0 learns it from the CONNECT.
 */
class ViolationsTest {

    static final Direction C = Direction.CLIENT_TO_SERVER;
    static final Direction S = Direction.SERVER_TO_CLIENT;

    static Arguments a(String name, int level, Direction d, byte[] bytes, String rule) {
        return Arguments.of(name, level, d, bytes, rule);
    }

    static byte[] con(int level, int flags, byte[]... payload) {
        return packet(0x10, str("MQTT"), u8(level), u8(flags), u16(10), level == 5 ? props() : new byte[0], cat(payload));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                a("reserved flags PUBACK", 4, S, u8(0x41, 2, 0, 1), "MQTT-2.2.2-1"),
                a("reserved flags PUBACK 5.0", 5, S, u8(0x41, 2, 0, 1), "MQTT-2.1.3-1"),
                a("SUBSCRIBE flags", 4, C, packet(0x80, u16(1), str("a"), u8(0)), "MQTT-3.8.1-1"),
                a("PUBREL flags", 4, C, u8(0x60, 2, 0, 1), "MQTT-3.6.1-1"),
                a("UNSUBSCRIBE flags", 4, C, packet(0xA0, u16(1), str("a")), "MQTT-3.10.1-1"),
                a("DISCONNECT flags", 4, C, u8(0xE1, 0), "MQTT-3.14.1-1"),
                a("AUTH flags", 5, C, u8(0xF1, 0), "MQTT-3.15.1-1"),
                a("QoS 3", 4, C, packet(0x36, str("t"), u16(1)), "MQTT-3.3.1-4"),
                a("DUP on QoS 0", 4, C, packet(0x38, str("t")), "MQTT-3.3.1-2"),
                a("overlong UTF-8", 4, C, packet(0x30, u16(2), u8(0xC0, 0x80)), "MQTT-1.5.3-1"),
                a("surrogate UTF-8 5.0", 5, C, packet(0x30, u16(3), u8(0xED, 0xA0, 0x80), props()), "MQTT-1.5.4-1"),
                a("U+0000 in topic", 4, C, packet(0x30, u16(3), u8('a', 0, 'b')), "MQTT-1.5.3-2"),
                a("wildcard in PUBLISH topic", 4, C, packet(0x30, str("a/+")), "MQTT-3.3.2-2"),
                a("empty topic 3.1.1", 4, C, packet(0x30, str("")), "MQTT-4.7.3-1"),
                a("empty topic without alias 5.0", 5, C, packet(0x30, str(""), props()), "3.3.2.1"),
                a("PUBLISH packet id 0", 4, C, packet(0x32, str("t"), u16(0)), "MQTT-2.3.1-1"),
                a("PUBLISH packet id 0 client 5.0", 5, C, packet(0x32, str("t"), u16(0), props()), "MQTT-2.2.1-3"),
                a("PUBLISH packet id 0 server 5.0", 5, S, packet(0x32, str("t"), u16(0), props()), "MQTT-2.2.1-4"),
                a("CONNACK remaining length 3", 4, S, packet(0x20, u8(0, 0, 0)), "3.2.1"),
                a("CONNACK reserved bits", 4, S, packet(0x20, u8(2, 0)), "3.2.2.1"),
                a("CONNACK reserved bits 5.0", 5, S, packet(0x20, u8(2, 0), props()), "MQTT-3.2.2-1"),
                a("CONNACK return code 6", 4, S, packet(0x20, u8(0, 6)), "3.2.2.3"),
                a("CONNACK reason code 0x10", 5, S, packet(0x20, u8(0, 0x10), props()), "MQTT-3.2.2-8"),
                a("Session Present with refusal", 4, S, packet(0x20, u8(1, 5)), "MQTT-3.2.2-4"),
                a("Session Present with refusal 5.0", 5, S, packet(0x20, u8(1, 0x87), props()), "MQTT-3.2.2-6"),
                a("CONNACK without Property Length", 5, S, packet(0x20, u8(0, 0)), "MQTT-2.2.2-1"),
                a("protocol name", 0, C, packet(0x10, str("MQTX"), u8(4), u8(2), u16(0), str("c")), "MQTT-3.1.2-1"),
                a("protocol level 6", 0, C, packet(0x10, str("MQTT"), u8(6), u8(2), u16(0), str("c")), "MQTT-3.1.2-2"),
                a("reserved connect flag", 0, C, con(4, 0x03, str("c")), "MQTT-3.1.2-3"),
                a("password without user name", 0, C, con(4, 0x42, str("c"), bin(u8(1))), "MQTT-3.1.2-22"),
                a("Will QoS without Will Flag", 0, C, con(4, 0x0A, str("c")), "MQTT-3.1.2-13"),
                a("Will QoS without Will Flag 5.0", 0, C, con(5, 0x0A, str("c")), "MQTT-3.1.2-11"),
                a("Will QoS 3", 0, C, con(4, 0x1E, str("c"), str("w"), bin(u8(1))), "MQTT-3.1.2-14"),
                a("Will Retain without Will Flag", 0, C, con(4, 0x22, str("c")), "MQTT-3.1.2-15"),
                a("User Name missing", 0, C, con(4, 0x82, str("c")), "MQTT-3.1.2-19"),
                a("User Name missing 5.0", 0, C, con(5, 0x82, str("c")), "MQTT-3.1.2-17"),
                a("Password missing", 0, C, con(4, 0xC2, str("c"), str("u")), "MQTT-3.1.2-21"),
                a("User Name without flag", 0, C, con(4, 0x02, str("c"), str("u")), "MQTT-3.1.2-18"),
                a("Will Topic missing", 0, C, con(4, 0x06, str("c")), "MQTT-3.1.2-9"),
                a("Client Identifier missing", 0, C, con(4, 0x02), "MQTT-3.1.3-3"),
                a("empty client id without clean session", 0, C, con(4, 0x00, str("")), "MQTT-3.1.3-7"),
                a("wildcard Will Topic", 0, C, con(4, 0x06, str("c"), str("w/#"), bin(u8(1))), "MQTT-4.7.1-1"),
                a("SUBSCRIBE without filters", 4, C, packet(0x82, u16(1)), "MQTT-3.8.3-3"),
                a("SUBSCRIBE without filters 5.0", 5, C, packet(0x82, u16(1), props()), "MQTT-3.8.3-2"),
                a("SUBSCRIBE packet id 0", 4, C, packet(0x82, u16(0), str("a"), u8(0)), "MQTT-2.3.1-1"),
                a("Requested QoS 3", 4, C, packet(0x82, u16(1), str("a"), u8(3)), "MQTT-3-8.3-4"),
                a("Requested QoS reserved bits", 4, C, packet(0x82, u16(1), str("a"), u8(0x04)), "MQTT-3-8.3-4"),
                a("Subscription Options reserved", 5, C, packet(0x82, u16(1), props(), str("a"), u8(0x40)), "MQTT-3.8.3-5"),
                a("Retain Handling 3", 5, C, packet(0x82, u16(1), props(), str("a"), u8(0x30)), "3.8.3.1"),
                a("No Local on shared", 5, C, packet(0x82, u16(1), props(), str("$share/g/a"), u8(0x04)), "MQTT-3.8.3-4"),
                a("empty ShareName", 5, C, packet(0x82, u16(1), props(), str("$share//a"), u8(0)), "MQTT-4.8.2-1"),
                a("'#' not last", 4, C, packet(0x82, u16(1), str("a/#/b"), u8(0)), "MQTT-4.7.1-2"),
                a("'+' not a whole level", 4, C, packet(0x82, u16(1), str("a+"), u8(0)), "MQTT-4.7.1-3"),
                a("'#' not last 5.0", 5, C, packet(0x82, u16(1), props(), str("a#"), u8(0)), "MQTT-4.7.1-1"),
                a("empty Topic Filter", 4, C, packet(0x82, u16(1), str(""), u8(0)), "MQTT-4.7.3-1"),
                a("SUBACK return code 3", 4, S, packet(0x90, u16(1), u8(3)), "MQTT-3.9.3-2"),
                a("SUBACK reason code 0x10 5.0", 5, S, packet(0x90, u16(1), props(), u8(0x10)), "MQTT-3.9.3-2"),
                a("UNSUBSCRIBE without filters", 4, C, packet(0xA2, u16(1)), "MQTT-3.10.3-2"),
                a("UNSUBACK length 3", 4, S, packet(0xB0, u16(1), u8(0)), "3.11.1"),
                a("packet type 0", 4, C, u8(0x00, 0), "2.2.1"),
                a("packet type 15 in 3.1.1", 4, C, u8(0xF0, 1, 7), "2.2.1"),
                a("packet type 0 5.0", 5, C, u8(0x00, 0), "2.1.2"),
                a("PINGREQ with a body", 4, C, u8(0xC0, 1, 0), "3.12.1"),
                a("DISCONNECT with a body 3.1.1", 4, C, u8(0xE0, 1, 0), "3.14.1"),
                a("PUBACK length 3", 4, S, packet(0x40, u16(1), u8(0)), "3.4.1"),
                a("PUBACK id 0", 4, S, packet(0x40, u16(0)), "2.3.1"),
                a("PUBACK reason 0x92", 5, S, packet(0x40, u16(1), u8(0x92)), "MQTT-3.4.2-1"),
                a("PUBREL reason 0x10", 5, C, packet(0x62, u16(1), u8(0x10)), "MQTT-3.6.2-1"),
                a("DISCONNECT reason 0x05", 5, C, packet(0xE0, u8(0x05)), "MQTT-3.14.2-1"),
                a("AUTH reason 0x01", 5, C, packet(0xF0, u8(0x01)), "MQTT-3.15.2-1"),
                a("non-minimal Remaining Length", 5, C, u8(0xC0, 0x80, 0x00), "MQTT-1.5.5-1"),
                a("property twice", 5, C, packet(0x30, str("t"), props(u8(3), str("a"), u8(3), str("b"))), "3.3.2.3"),
                a("property not allowed on packet", 5, C, packet(0x30, str("t"), props(u8(0x11), u32(1))), "2.2.2.2"),
                a("unknown property", 5, C, packet(0x30, str("t"), props(u8(0x7F), u8(1))), "2.2.2.2"),
                a("Topic Alias 0", 5, C, packet(0x30, str("t"), props(u8(0x23), u16(0))), "MQTT-3.3.2-8"),
                a("Response Topic wildcard", 5, C, packet(0x30, str("t"), props(u8(0x08), str("r/#"))), "MQTT-3.3.2-14"),
                a("Subscription Identifier from client", 5, C, packet(0x30, str("t"), props(u8(0x0B), vbi(3))), "MQTT-3.3.4-6"),
                a("Subscription Identifier 0", 5, C, packet(0x82, u16(1), props(u8(0x0B), vbi(0)), str("a"), u8(0)), "3.8.2.1.2"),
                a("Receive Maximum 0", 0, C, packet(0x10, str("MQTT"), u8(5), u8(2), u16(0), props(u8(0x21), u16(0)), str("c")), "3.1.2.11"),
                a("Maximum QoS 2", 5, S, packet(0x20, u8(0, 0), props(u8(0x24), u8(2))), "3.2.2.3"),
                a("server Session Expiry on DISCONNECT", 5, S, packet(0xE0, u8(0), props(u8(0x11), u32(0))), "MQTT-3.14.2-2"),
                a("payload not UTF-8 though indicated", 5, C, packet(0x30, str("t"), props(u8(1), u8(1)), u8(0xFF)), "3.3.2.3.2"),
                a("Topic Name missing", 4, C, u8(0x30, 1, 0), "MQTT-3.3.2-1"),
                a("string longer than the packet", 4, C, packet(0x30, u16(10), utf8("abc")), "3.3"),
                a("property list longer than the packet", 5, S, packet(0x40, u16(1), u8(0), u8(9), u8(0x1F)), "3.4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheRule(String name, int level, Direction dir, byte[] bytes, String rule) {
        List<MqttPacket> ps = decode(dir, level, bytes);
        assertEquals(1, ps.size(), "one packet, framing intact");
        MqttPacket p = ps.get(0);
        assertTrue(rules(p).contains(rule), name + ": expected " + rule + " in\n" + p.text());
        for (MqttViolation v : p.violations()) {
            assertTrue(v.offset() >= 0 && v.offset() + v.length() <= p.length(), "range inside the packet: " + v);
        }
    }

    @Test
    void violationRangesPointAtTheBytes() {
        MqttPacket flags = decode(S, 4, u8(0x41, 2, 0, 1)).get(0);
        MqttViolation v = flags.violations().get(0);
        assertEquals(0, v.offset());
        assertEquals(1, v.length());
        assertEquals("3.1.1", v.spec());
        assertEquals("[MQTT-2.2.2-1]", v.ruleLabel());
        // the ill-formed byte of the string: 1 fixed header + 1 length + 2 string length + 1 ('a')
        MqttPacket utf = decode(C, 4, packet(0x30, u16(3), u8('a', 0xFF, 'b'))).get(0);
        assertEquals(5, utf.violations().get(0).offset());
        MqttPacket id0 = decode(C, 4, packet(0x32, str("t"), u16(0))).get(0);
        assertEquals(5, id0.violations().get(0).offset(), "points at the Packet Identifier");
        assertEquals(2, id0.violations().get(0).length());
        assertEquals("[§3.2.1]", decode(S, 4, packet(0x20, u8(0, 0, 0))).get(0).violations().get(0).ruleLabel());
    }

    @Test
    void wellFormedPacketsHaveNoViolations() {
        assertEquals(List.of(), decode(C, 0, con(5, 0x42, str("c"), bin(u8(1)))).get(0).violations(),
                "MQTT 5.0 allows a Password without a User Name");
        assertEquals(List.of(), decode(C, 5, packet(0x82, u16(1), props(), str("$share/g/a/+"), u8(1))).get(0).violations());
        assertEquals(List.of(), decode(C, 4, packet(0x82, u16(1), str("+/a/#"), u8(2), str("#"), u8(0))).get(0).violations());
        assertEquals(List.of(), decode(C, 5, packet(0x30, str("t"), props(u8(0x26), str("a"), str("b"), u8(0x26), str("a"),
                str("c")))).get(0).violations(), "User Property may repeat");
    }

    @Test
    void decodingGoesOnAfterAMalformedPacket() {
        byte[] stream = cat(packet(0x30, u16(10), utf8("abc")), packet(0x32, str("ok"), u16(5), utf8("x")));
        List<MqttPacket> ps = decode(C, 4, stream);
        assertEquals(2, ps.size());
        assertEquals("ok", ps.get(1).topic());
        assertEquals(List.of(), ps.get(1).violations());
    }
}
