package io.netstep.mqtt;

import java.util.Map;
import java.util.Set;

/** Return codes (3.1.1) and Reason Codes (5.0 section 2.4) by their spec names, and which packet may carry which. */
final class Codes {

    private Codes() {
    }

    static final String[] CONNECT_RETURN_311 = {
        "Connection Accepted",
        "Connection Refused, unacceptable protocol version",
        "Connection Refused, identifier rejected",
        "Connection Refused, Server unavailable",
        "Connection Refused, bad user name or password",
        "Connection Refused, not authorized",
    };

    static String connectReturn311(int code) {
        return code < CONNECT_RETURN_311.length ? CONNECT_RETURN_311[code] : "Reserved";
    }

    static String subackReturn311(int code) {
        switch (code) {
            case 0x00: return "Success - Maximum QoS 0";
            case 0x01: return "Success - Maximum QoS 1";
            case 0x02: return "Success - Maximum QoS 2";
            case 0x80: return "Failure";
            default: return "Reserved";
        }
    }

    private static final Map<Integer, String> REASON = Map.ofEntries(
            Map.entry(0x01, "Granted QoS 1"),
            Map.entry(0x02, "Granted QoS 2"),
            Map.entry(0x04, "Disconnect with Will Message"),
            Map.entry(0x10, "No matching subscribers"),
            Map.entry(0x11, "No subscription existed"),
            Map.entry(0x18, "Continue authentication"),
            Map.entry(0x19, "Re-authenticate"),
            Map.entry(0x80, "Unspecified error"),
            Map.entry(0x81, "Malformed Packet"),
            Map.entry(0x82, "Protocol Error"),
            Map.entry(0x83, "Implementation specific error"),
            Map.entry(0x84, "Unsupported Protocol Version"),
            Map.entry(0x85, "Client Identifier not valid"),
            Map.entry(0x86, "Bad User Name or Password"),
            Map.entry(0x87, "Not authorized"),
            Map.entry(0x88, "Server unavailable"),
            Map.entry(0x89, "Server busy"),
            Map.entry(0x8A, "Banned"),
            Map.entry(0x8B, "Server shutting down"),
            Map.entry(0x8C, "Bad authentication method"),
            Map.entry(0x8D, "Keep Alive timeout"),
            Map.entry(0x8E, "Session taken over"),
            Map.entry(0x8F, "Topic Filter invalid"),
            Map.entry(0x90, "Topic Name invalid"),
            Map.entry(0x91, "Packet Identifier in use"),
            Map.entry(0x92, "Packet Identifier not found"),
            Map.entry(0x93, "Receive Maximum exceeded"),
            Map.entry(0x94, "Topic Alias invalid"),
            Map.entry(0x95, "Packet too large"),
            Map.entry(0x96, "Message rate too high"),
            Map.entry(0x97, "Quota exceeded"),
            Map.entry(0x98, "Administrative action"),
            Map.entry(0x99, "Payload format invalid"),
            Map.entry(0x9A, "Retain not supported"),
            Map.entry(0x9B, "QoS not supported"),
            Map.entry(0x9C, "Use another server"),
            Map.entry(0x9D, "Server moved"),
            Map.entry(0x9E, "Shared Subscriptions not supported"),
            Map.entry(0x9F, "Connection rate exceeded"),
            Map.entry(0xA0, "Maximum connect time"),
            Map.entry(0xA1, "Subscription Identifiers not supported"),
            Map.entry(0xA2, "Wildcard Subscriptions not supported"));

    /** The 5.0 name of a Reason Code as that packet type uses it (0x00 reads differently per packet). */
    static String reason5(MqttPacketType type, int code) {
        if (code == 0x00) {
            switch (type) {
                case DISCONNECT: return "Normal disconnection";
                case SUBACK: return "Granted QoS 0";
                default: return "Success";
            }
        }
        String name = REASON.get(code);
        return name == null ? "Unknown" : name;
    }

    private static final Set<Integer> CONNACK = Set.of(0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
            0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);
    private static final Set<Integer> PUBACK = Set.of(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
    private static final Set<Integer> PUBREL = Set.of(0x00, 0x92);
    private static final Set<Integer> SUBACK = Set.of(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E,
            0xA1, 0xA2);
    private static final Set<Integer> UNSUBACK = Set.of(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);
    private static final Set<Integer> DISCONNECT = Set.of(0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D,
            0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1,
            0xA2);
    private static final Set<Integer> AUTH = Set.of(0x00, 0x18, 0x19);

    /** Whether a 5.0 packet of that type may carry the Reason Code. */
    static boolean allowed5(MqttPacketType type, int code) {
        switch (type) {
            case CONNACK: return CONNACK.contains(code);
            case PUBACK: case PUBREC: return PUBACK.contains(code);
            case PUBREL: case PUBCOMP: return PUBREL.contains(code);
            case SUBACK: return SUBACK.contains(code);
            case UNSUBACK: return UNSUBACK.contains(code);
            case DISCONNECT: return DISCONNECT.contains(code);
            case AUTH: return AUTH.contains(code);
            default: return false;
        }
    }
}
