package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import io.netstep.mqtt.PacketReader.Malformed;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * MQTT 5.0 Properties (section 2.2.2): the property table by identifier, decoding a property
 * list into fields, and the checks every receiver can make (known identifier, allowed on this
 * packet, at most once, value in range).
 */
final class Properties {

    /** Where a property list sits; each has its own section in the spec. */
    enum Place {
        CONNECT("3.1.2.11"), WILL("3.1.3.2"), CONNACK("3.2.2.3"), PUBLISH("3.3.2.3"), PUBACK("3.4.2.2"),
        PUBREC("3.5.2.2"), PUBREL("3.6.2.2"), PUBCOMP("3.7.2.2"), SUBSCRIBE("3.8.2.1"), SUBACK("3.9.2.1"),
        UNSUBSCRIBE("3.10.2.1"), UNSUBACK("3.11.2.1"), DISCONNECT("3.14.2.2"), AUTH("3.15.2.2");

        final String section;

        Place(String section) {
            this.section = section;
        }

        String label() {
            return this == WILL ? "Will Properties" : name() + " Properties";
        }
    }

    enum Type { BYTE, TWO, FOUR, VBI, UTF8, BINARY, PAIR }

    record Def(int id, String name, Type type, Set<Place> places) { }

    private static final Map<Integer, Def> DEFS = new HashMap<>();

    private static void def(int id, String name, Type type, Place first, Place... rest) {
        DEFS.put(id, new Def(id, name, type, EnumSet.of(first, rest)));
    }

    static {
        Place W = Place.WILL;
        def(0x01, "Payload Format Indicator", Type.BYTE, Place.PUBLISH, W);
        def(0x02, "Message Expiry Interval", Type.FOUR, Place.PUBLISH, W);
        def(0x03, "Content Type", Type.UTF8, Place.PUBLISH, W);
        def(0x08, "Response Topic", Type.UTF8, Place.PUBLISH, W);
        def(0x09, "Correlation Data", Type.BINARY, Place.PUBLISH, W);
        def(0x0B, "Subscription Identifier", Type.VBI, Place.PUBLISH, Place.SUBSCRIBE);
        def(0x11, "Session Expiry Interval", Type.FOUR, Place.CONNECT, Place.CONNACK, Place.DISCONNECT);
        def(0x12, "Assigned Client Identifier", Type.UTF8, Place.CONNACK);
        def(0x13, "Server Keep Alive", Type.TWO, Place.CONNACK);
        def(0x15, "Authentication Method", Type.UTF8, Place.CONNECT, Place.CONNACK, Place.AUTH);
        def(0x16, "Authentication Data", Type.BINARY, Place.CONNECT, Place.CONNACK, Place.AUTH);
        def(0x17, "Request Problem Information", Type.BYTE, Place.CONNECT);
        def(0x18, "Will Delay Interval", Type.FOUR, W);
        def(0x19, "Request Response Information", Type.BYTE, Place.CONNECT);
        def(0x1A, "Response Information", Type.UTF8, Place.CONNACK);
        def(0x1C, "Server Reference", Type.UTF8, Place.CONNACK, Place.DISCONNECT);
        def(0x1F, "Reason String", Type.UTF8, Place.CONNACK, Place.PUBACK, Place.PUBREC, Place.PUBREL,
                Place.PUBCOMP, Place.SUBACK, Place.UNSUBACK, Place.DISCONNECT, Place.AUTH);
        def(0x21, "Receive Maximum", Type.TWO, Place.CONNECT, Place.CONNACK);
        def(0x22, "Topic Alias Maximum", Type.TWO, Place.CONNECT, Place.CONNACK);
        def(0x23, "Topic Alias", Type.TWO, Place.PUBLISH);
        def(0x24, "Maximum QoS", Type.BYTE, Place.CONNACK);
        def(0x25, "Retain Available", Type.BYTE, Place.CONNACK);
        def(0x26, "User Property", Type.PAIR, Place.CONNECT, Place.CONNACK, Place.PUBLISH, W, Place.PUBACK,
                Place.PUBREC, Place.PUBREL, Place.PUBCOMP, Place.SUBSCRIBE, Place.SUBACK, Place.UNSUBSCRIBE,
                Place.UNSUBACK, Place.DISCONNECT, Place.AUTH);
        def(0x27, "Maximum Packet Size", Type.FOUR, Place.CONNECT, Place.CONNACK);
        def(0x28, "Wildcard Subscription Available", Type.BYTE, Place.CONNACK);
        def(0x29, "Subscription Identifier Available", Type.BYTE, Place.CONNACK);
        def(0x2A, "Shared Subscription Available", Type.BYTE, Place.CONNACK);
    }

    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int RESPONSE_TOPIC = 0x08;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    static final int AUTHENTICATION_METHOD = 0x15;
    static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    static final int TOPIC_ALIAS = 0x23;
    static final int MAXIMUM_QOS = 0x24;
    static final int RETAIN_AVAILABLE = 0x25;
    static final int MAXIMUM_PACKET_SIZE = 0x27;

    /** Values of the first occurrence of each property, by identifier (Integer, Long, String or byte[]). */
    static final class Values {
        final Map<Integer, Object> first = new HashMap<>();
        final Map<Integer, MqttField> fields = new HashMap<>();

        boolean has(int id) {
            return first.containsKey(id);
        }

        long number(int id, long dflt) {
            Object v = first.get(id);
            return v instanceof Number n ? n.longValue() : dflt;
        }

        String string(int id) {
            Object v = first.get(id);
            return v instanceof String s ? s : null;
        }
    }

    private Properties() {
    }

    static String name(int id) {
        Def d = DEFS.get(id);
        return d == null ? null : d.name();
    }

    /** Reads "Property Length" and the properties it covers into a "Properties" field under parent. */
    static Values read(PacketReader r, MqttField parent, Place place) throws Malformed {
        String label = place == Place.WILL ? "Will Properties" : "Properties";
        MqttField props = r.group(parent, label);
        int length = r.vbi(props, "Property Length");
        r.need(length, label);
        int outerEnd = r.end;
        r.end = r.pos + length;
        Values values = new Values();
        try {
            while (r.pos < r.end) {
                readOne(r, props, place, values);
            }
        } finally {
            r.end = outerEnd;
        }
        props.endAt(r.pos);
        props.setValue(values.first.isEmpty() && props.children().size() == 1 ? "none" : "");
        return values;
    }

    private static void readOne(PacketReader r, MqttField props, Place place, Values values) throws Malformed {
        int start = r.pos;
        MqttField holder = new MqttField("?", "", start, 0);
        int id = r.vbi(holder, "Identifier");
        Def def = DEFS.get(id);
        if (def == null) {
            MqttField f = props.add(new MqttField("Unknown property", String.format("0x%02X", id), start, r.pos - start));
            r.violation(Kind.MALFORMED, null, "2.2.2.2",
                    String.format("unknown property identifier 0x%02X in the %s: the rest cannot be decoded", id,
                            place.label()), f);
            // The length of an unknown property's value is unknown: the list cannot go on.
            r.pos = r.end;
            f.endAt(r.pos);
            return;
        }
        MqttField f = props.add(new MqttField(def.name(), "", start, 0));
        f.add(holder.children().get(0)).setValue(String.format("0x%02X", id));
        Object value;
        switch (def.type()) {
            case BYTE: value = r.u8(f, "Value"); break;
            case TWO: value = r.u16(f, "Value"); break;
            case FOUR: value = r.u32(f, "Value"); break;
            case VBI: value = r.vbi(f, "Value"); break;
            case UTF8: value = r.utf8(f, "Value"); break;
            case BINARY: value = r.binary(f, "Value"); break;
            default:
                String k = r.utf8(f, "Name");
                String v = r.utf8(f, "Value");
                value = k + "=" + v;
                f.endAt(r.pos);
                f.setValue(Utf8.quote(k) + ": " + Utf8.quote(v));
                break;
        }
        f.endAt(r.pos);
        if (def.type() != Type.PAIR) {
            f.setValue(f.children().get(1).value());
        }
        if (id == 0x16) {
            f.markSensitive();
            f.children().get(1).markSensitive();
        }
        if (!def.places().contains(place)) {
            r.violation(Kind.MALFORMED, null, "2.2.2.2",
                    def.name() + " is not a property of the " + place.label(), f);
        }
        boolean repeatable = id == 0x26 || (id == SUBSCRIPTION_IDENTIFIER && place == Place.PUBLISH);
        if (values.first.containsKey(id)) {
            if (!repeatable) {
                r.violation(Kind.PROTOCOL_ERROR, null, place.section,
                        def.name() + " appears more than once in the " + place.label(), f);
            }
        } else {
            values.first.put(id, value);
            values.fields.put(id, f);
        }
        checkValue(r, id, value, f, place);
    }

    private static void checkValue(PacketReader r, int id, Object value, MqttField f, Place place) {
        long n = value instanceof Number num ? num.longValue() : -1;
        switch (id) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A:
                if (n > 1) {
                    r.violation(Kind.PROTOCOL_ERROR, null, place.section,
                            name(id) + " is " + n + "; only 0 or 1 is allowed", f);
                }
                break;
            case 0x21, 0x27:
                if (n == 0) {
                    r.violation(Kind.PROTOCOL_ERROR, null, place.section, name(id) + " is 0", f);
                }
                break;
            case SUBSCRIPTION_IDENTIFIER:
                if (n == 0) {
                    r.violation(Kind.PROTOCOL_ERROR, null, place == Place.SUBSCRIBE ? "3.8.2.1.2" : "3.3.2.3.8",
                            "Subscription Identifier is 0", f);
                }
                break;
            case TOPIC_ALIAS:
                if (n == 0) {
                    r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.3.2-8", "Topic Alias is 0", f);
                }
                break;
            case RESPONSE_TOPIC:
                if (Topics.hasWildcard((String) value)) {
                    r.violation(Kind.PROTOCOL_ERROR, null, "MQTT-3.3.2-14", "Response Topic contains a wildcard", f);
                }
                break;
            default:
                break;
        }
    }
}
