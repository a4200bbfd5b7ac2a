package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules across the packets of a connection, fed in the order they happened. */
class SequenceTest {

    static final byte[] CONNECT = connect311("c");
    static final byte[] CONNACK = connack311(0);

    static List<String> allRules(List<MqttPacket> ps) {
        List<String> out = new ArrayList<>();
        for (MqttPacket p : ps) {
            for (MqttViolation v : p.violations()) {
                assertEquals(MqttViolation.Kind.SEQUENCE, v.kind(), v.toString());
                out.add(p.type() + " " + v.rule());
            }
        }
        return out;
    }

    @Test
    void aCorrectConversationHasNoViolations() {
        List<MqttPacket> ps = conversation(
                CONNECT, CONNACK,
                cat(packet(0x82, u16(1), str("a/#"), u8(1), str("b"), u8(0)), packet(0x32, str("a/1"), u16(2), utf8("x"))),
                cat(packet(0x90, u16(1), u8(1, 0)), packet(0x40, u16(2)), packet(0x34, str("a/1"), u16(9), utf8("y"))),
                cat(packet(0x50, u16(9)), packet(0xA2, u16(3), str("b"))),
                packet(0x62, u16(9)),
                cat(packet(0x70, u16(9)), u8(0xC0, 0)),
                cat(packet(0xB0, u16(3)), u8(0xD0, 0)),
                u8(0xE0, 0));
        assertEquals(15, ps.size());
        assertEquals(List.of(), allRules(ps));
    }

    @Test
    void firstClientPacketNotConnect() {
        assertEquals(List.of("PINGREQ MQTT-3.1.0-1"), allRules(conversation(u8(0xC0, 0))));
    }

    @Test
    void secondConnect() {
        assertEquals(List.of("CONNECT MQTT-3.1.0-2"), allRules(conversation(CONNECT, CONNACK, CONNECT)));
    }

    @Test
    void connackNotFirstFromServer() {
        assertEquals(List.of("PINGRESP MQTT-3.2.0-1"), allRules(conversation(CONNECT, u8(0xD0, 0))));
    }

    @Test
    void secondConnack() {
        assertEquals(List.of("CONNACK 3.2"), allRules(conversation(CONNECT, cat(CONNACK, CONNACK))));
        assertEquals(List.of("CONNACK MQTT-3.2.0-2"), allRules(conversation(connect5("c", props()),
                cat(connack5(0, props()), connack5(0, props())))));
    }

    @Test
    void pubackForUnknownPacketId() {
        assertEquals(List.of("PUBACK MQTT-2.3.1-6"), allRules(conversation(CONNECT, cat(CONNACK, packet(0x40, u16(77))))));
        assertEquals(List.of("PUBCOMP MQTT-2.2.1-5"), allRules(conversation(connect5("c", props()),
                cat(connack5(0, props()), packet(0x70, u16(1))))));
    }

    @Test
    void pubrecAnswersQos2NotQos1() {
        List<MqttPacket> ps = conversation(cat(CONNECT, packet(0x32, str("t"), u16(5))), cat(CONNACK, packet(0x50, u16(5))));
        assertEquals(List.of("PUBREC MQTT-2.3.1-6"), allRules(ps));
    }

    @Test
    void subackCountDiffersFromFilters() {
        List<MqttPacket> ps = conversation(cat(CONNECT, packet(0x82, u16(4), str("a"), u8(0), str("b"), u8(1))),
                cat(CONNACK, packet(0x90, u16(4), u8(0))));
        assertEquals(List.of("SUBACK MQTT-3.8.4-5"), allRules(ps));
        List<MqttPacket> unknown = conversation(CONNECT, cat(CONNACK, packet(0x90, u16(4), u8(0))));
        assertEquals(List.of("SUBACK MQTT-2.3.1-7"), allRules(unknown));
    }

    @Test
    void packetIdStillInUse() {
        List<MqttPacket> ps = conversation(cat(CONNECT, packet(0x32, str("t"), u16(5)), packet(0x32, str("t"), u16(5))));
        assertEquals(List.of("PUBLISH MQTT-2.3.1-2"), allRules(ps));
        List<MqttPacket> resend = conversation(cat(CONNECT, packet(0x32, str("t"), u16(5)), packet(0x3A, str("t"), u16(5))));
        assertEquals(List.of(), allRules(resend), "a re-send with DUP 1 reuses the identifier");
    }

    @Test
    void packetsAfterDisconnectAndAfterRefusal() {
        assertEquals(List.of("PINGREQ MQTT-3.14.4-1"), allRules(conversation(cat(CONNECT, u8(0xE0, 0), u8(0xC0, 0)))));
        assertEquals(List.of("PINGRESP MQTT-3.2.2-5"), allRules(conversation(CONNECT, cat(connack311(5), u8(0xD0, 0)))));
    }

    @Test
    void wrongDirection() {
        assertEquals(List.of("CONNACK 2.2.1"), allRules(conversation(cat(CONNECT, CONNACK))));
        assertEquals(List.of("DISCONNECT 2.2.1"), allRules(conversation(CONNECT, cat(CONNACK, u8(0xE0, 0)))));
    }

    @Test
    void sessionPresentAfterCleanSession() {
        assertEquals(List.of("CONNACK MQTT-3.2.2-1"), allRules(conversation(CONNECT, packet(0x20, u8(1, 0)))));
    }

    @Test
    void resumedSessionMayAcknowledgeEarlierFlows() {
        byte[] connect = packet(0x10, str("MQTT"), u8(4), u8(0x00), u16(60), str("c"));
        assertEquals(List.of(), allRules(conversation(connect, cat(packet(0x20, u8(1, 0)), packet(0x40, u16(77))))));
    }

    @Test
    void mqtt5LimitsAnnouncedByThePeer() {
        byte[] connect = connect5("c", props(u8(0x27), u32(20), u8(0x22), u16(2)));
        byte[] connack = connack5(0, props(u8(0x24), u8(0), u8(0x25), u8(0), u8(0x22), u16(1)));
        List<MqttPacket> ps = conversation(
                connect, connack,
                cat(packet(0x32, str("t"), u16(1), props()), packet(0x31, str("t"), props()),
                        packet(0x30, str("t"), props(u8(0x23), u16(2)))),
                packet(0x30, str("topic/that/is/long"), props()));
        assertEquals(List.of("PUBLISH MQTT-3.2.2-11", "PUBLISH MQTT-3.2.2-14", "PUBLISH MQTT-3.3.2-9",
                "PUBLISH MQTT-3.1.2-24"), allRules(ps));
    }

    @Test
    void topicAliasResolvesOnLaterPublish() {
        List<MqttPacket> ps = conversation(connect5("c", props()),
                connack5(0, props(u8(0x22), u16(5))),
                cat(packet(0x30, str("long/topic"), props(u8(0x23), u16(3)), utf8("1")),
                        packet(0x30, str(""), props(u8(0x23), u16(3)), utf8("2")),
                        packet(0x30, str(""), props(u8(0x23), u16(4)), utf8("3"))));
        assertEquals("long/topic", ps.get(3).topic());
        assertEquals(List.of("PUBLISH 3.3.2.3.4"), allRules(ps));
    }

    @Test
    void authWithoutAuthenticationMethod() {
        assertEquals(List.of("AUTH MQTT-4.12.0-6"), allRules(conversation(connect5("c", props()), packet(0xF0, u8(0x18), props()))));
        List<MqttPacket> ok = conversation(connect5("c", props(u8(0x15), str("SCRAM-SHA-1"))),
                packet(0xF0, u8(0x18), props(u8(0x15), str("SCRAM-SHA-1"))));
        assertEquals(List.of(), allRules(ok), "AUTH may come before the CONNACK");
    }

    @Test
    void authenticationMethodMustBeRepeated() {
        byte[] connect = connect5("c", props(u8(0x15), str("SCRAM-SHA-1")));
        List<MqttPacket> ps = conversation(connect, cat(packet(0xF0, u8(0x18), props(u8(0x15), str("OTHER"))),
                connack5(0, props())));
        assertEquals(List.of("AUTH MQTT-4.12.0-5", "CONNACK MQTT-4.12.0-5"), allRules(ps));
        assertEquals(List.of("CONNACK MQTT-4.12.0-6"),
                allRules(conversation(connect5("c", props()), connack5(0, props(u8(0x15), str("X"))))));
    }

    @Test
    void emptyClientIdentifierNeedsAnAssignedOne() {
        assertEquals(List.of("CONNACK MQTT-3.2.2-16"), allRules(conversation(connect5("", props()), connack5(0, props()))));
        assertEquals(List.of(), allRules(conversation(connect5("", props()), connack5(0, props(u8(0x12), str("auto-1"))))));
    }
}
