package io.netstep.mqtt;

import static io.netstep.mqtt.Direction.CLIENT_TO_SERVER;
import static io.netstep.mqtt.Direction.SERVER_TO_CLIENT;

import io.netstep.mqtt.MqttViolation.Kind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules that span packets of one connection: what comes first, packet identifiers and
 * their acknowledgements, counts of SUBACK codes, limits one side announced to the other
 * (MQTT 5: Maximum Packet Size, Topic Alias Maximum, Maximum QoS, Retain Available).
 * <p>
 * It assumes both directions are fed in the order the bytes happened. After a CONNACK with
 * Session Present 1 the peers may finish flows of an earlier connection, so acknowledgements
 * of unknown packet identifiers are not reported then.
 */
final class SequenceChecker {

    private enum Await { PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK }

    private record Pending(Await await, int count) { }

    private int protocolLevel;
    private final Map<Direction, Integer> packets = new EnumMap<>(Direction.class);
    private final Map<Direction, Boolean> disconnected = new EnumMap<>(Direction.class);
    /** Flows started by packets of the key direction, by Packet Identifier. */
    private final Map<Direction, Map<Integer, Pending>> pending = new EnumMap<>(Direction.class);
    private final Map<Direction, Map<Integer, String>> aliases = new EnumMap<>(Direction.class);
    private boolean connectSeen;
    private boolean connackSeen;
    private boolean refused;
    private boolean cleanStart;
    private boolean sessionPresent;
    /** Authentication Method of the CONNECT (MQTT 5), or null. */
    private String authMethod;
    private boolean emptyClientId;
    // MQTT 5 limits: the receiving side announced them; -1 = none
    private long clientMaxPacket = -1;
    private long serverMaxPacket = -1;
    private int clientTopicAliasMax;
    private int serverTopicAliasMax;
    private int serverMaxQos = 2;
    private boolean serverRetain = true;

    /** Joined an established connection (level given up front): its start and earlier flows are unknown. */
    private final boolean midStream;

    SequenceChecker(int protocolLevel) {
        this.protocolLevel = protocolLevel;
        this.midStream = protocolLevel != 0;
        for (Direction d : Direction.values()) {
            packets.put(d, 0);
            disconnected.put(d, false);
            pending.put(d, new HashMap<>());
            aliases.put(d, new HashMap<>());
        }
    }

    int protocolLevel() {
        return protocolLevel;
    }

    /** The level a new packet of that direction is decoded with; a client CONNECT names its own. */
    int levelFor(Direction dir, byte[] packet, int headerLength) {
        if (dir == CLIENT_TO_SERVER && (packet[0] & 0xF0) == 0x10 && packet.length >= headerLength + 2) {
            int nameLen = ((packet[headerLength] & 0xFF) << 8) | (packet[headerLength + 1] & 0xFF);
            int at = headerLength + 2 + nameLen;
            if (at < packet.length) {
                int level = packet[at] & 0xFF;
                if (level >= 3 && level <= 5) {
                    return level;
                }
            }
        }
        return protocolLevel == 0 ? 4 : protocolLevel;
    }

    void track(MqttPacket p, ConnectDecoder.Info connect, Properties.Values props) {
        Direction dir = p.direction();
        int n = packets.merge(dir, 1, Integer::sum);
        MqttPacketType type = p.type();
        if (disconnected.get(dir)) {
            v(p, "MQTT-3.14.4-1", "MQTT-3.14.4-1", "a " + type + " after the sender's DISCONNECT");
        }
        direction(p);
        if (dir == CLIENT_TO_SERVER) {
            clientOrder(p, n, connect, props);
        } else {
            serverOrder(p, n, props);
        }
        switch (type) {
            case PUBLISH: publish(p, props); break;
            case PUBACK: acknowledge(p, Await.PUBACK, null); break;
            case PUBREC: acknowledge(p, Await.PUBREC, Await.PUBREL); break;
            case PUBREL: release(p); break;
            case PUBCOMP: acknowledge(p, Await.PUBCOMP, null); break;
            case SUBSCRIBE: start(p, Await.SUBACK, p.topicFilters().size()); break;
            case UNSUBSCRIBE: start(p, Await.UNSUBACK, p.topicFilters().size()); break;
            case SUBACK: subscribeAck(p, Await.SUBACK); break;
            case UNSUBACK: subscribeAck(p, Await.UNSUBACK); break;
            case DISCONNECT: disconnected.put(dir, true); break;
            case AUTH:
                if (p.isMqtt5() && authMethod == null) {
                    v(p, null, dir == CLIENT_TO_SERVER ? "MQTT-4.12.0-7" : "MQTT-4.12.0-6",
                            "an AUTH although the CONNECT had no Authentication Method");
                } else if (p.isMqtt5()) {
                    sameAuthMethod(p, props);
                }
                break;
            default:
                break;
        }
        if (p.isMqtt5()) {
            long max = dir == CLIENT_TO_SERVER ? serverMaxPacket : clientMaxPacket;
            if (max > 0 && p.length() > max) {
                v(p, null, dir == CLIENT_TO_SERVER ? "MQTT-3.2.2-15" : "MQTT-3.1.2-24",
                        "a packet of " + p.length() + " bytes exceeds the Maximum Packet Size " + max);
            }
        }
    }

    /** 3.1.1 Table 2.1 / 5.0 Table 2-1: which way each packet type may flow. */
    private void direction(MqttPacket p) {
        boolean c2s = p.direction() == CLIENT_TO_SERVER;
        boolean ok;
        switch (p.type()) {
            case CONNECT: case SUBSCRIBE: case UNSUBSCRIBE: case PINGREQ: ok = c2s; break;
            case CONNACK: case SUBACK: case UNSUBACK: case PINGRESP: ok = !c2s; break;
            case DISCONNECT: ok = c2s || p.isMqtt5(); break;
            default: ok = true;
        }
        if (!ok) {
            v(p, "2.2.1", "2.1.2", "a " + p.type() + " may not be sent by the " + (c2s ? "Client" : "Server"));
        }
    }

    private void clientOrder(MqttPacket p, int n, ConnectDecoder.Info connect, Properties.Values props) {
        if (p.type() == MqttPacketType.CONNECT) {
            if (connectSeen) {
                v(p, "MQTT-3.1.0-2", "MQTT-3.1.0-2", "a second CONNECT on the connection");
                return;
            }
            connectSeen = true;
            if (connect != null) {
                if (protocolLevel == 0) {
                    protocolLevel = connect.level() >= 3 && connect.level() <= 5 ? connect.level() : 4;
                }
                cleanStart = connect.cleanStart();
                Properties.Values cp = connect.properties();
                authMethod = cp.string(Properties.AUTHENTICATION_METHOD);
                emptyClientId = "".equals(p.clientId());
                clientMaxPacket = cp.number(Properties.MAXIMUM_PACKET_SIZE, -1);
                clientTopicAliasMax = (int) cp.number(Properties.TOPIC_ALIAS_MAXIMUM, 0);
            }
        } else if (n == 1 && !midStream) {
            v(p, "MQTT-3.1.0-1", "MQTT-3.1.0-1", "the Client's first packet is a " + p.type() + ", not CONNECT");
        }
    }

    private void serverOrder(MqttPacket p, int n, Properties.Values props) {
        MqttPacketType type = p.type();
        if (type == MqttPacketType.CONNACK) {
            if (connackSeen) {
                v(p, "3.2", "MQTT-3.2.0-2", "a second CONNACK on the connection");
                return;
            }
            connackSeen = true;
            sessionPresent = p.field("Variable header", "Connect Acknowledge Flags", "Session Present") != null
                    && "1".equals(p.field("Variable header", "Connect Acknowledge Flags", "Session Present").value());
            Integer code = p.isMqtt5() ? p.reasonCode() : p.returnCode();
            refused = code != null && (p.isMqtt5() ? code >= 0x80 : code != 0);
            if (sessionPresent && cleanStart && connectSeen) {
                v(p, "MQTT-3.2.2-1", "MQTT-3.2.2-2", "Session Present is 1 although the CONNECT asked for a clean "
                        + (p.isMqtt5() ? "start" : "session"));
            }
            if (props != null && p.isMqtt5()) {
                if (code != null && code == 0 && emptyClientId && !props.has(Properties.ASSIGNED_CLIENT_IDENTIFIER)) {
                    v(p, null, "MQTT-3.2.2-16", "the Client sent an empty Client Identifier but the CONNACK assigns none");
                }
                if (authMethod == null && props.has(Properties.AUTHENTICATION_METHOD)) {
                    v(p, null, "MQTT-4.12.0-6", "an Authentication Method in the CONNACK although the CONNECT had none");
                } else if (authMethod != null && code != null && code == 0) {
                    sameAuthMethod(p, props);
                }
                serverMaxPacket = props.number(Properties.MAXIMUM_PACKET_SIZE, -1);
                serverTopicAliasMax = (int) props.number(Properties.TOPIC_ALIAS_MAXIMUM, 0);
                serverMaxQos = (int) props.number(Properties.MAXIMUM_QOS, 2);
                serverRetain = props.number(Properties.RETAIN_AVAILABLE, 1) != 0;
            }
            return;
        }
        if (refused) {
            v(p, "MQTT-3.2.2-5", "MQTT-3.2.2-7", "a " + type + " after a CONNACK that refused the connection");
        }
        if (!connackSeen) {
            if (p.isMqtt5() && type == MqttPacketType.AUTH) {
                return;
            }
            if (p.isMqtt5() && type == MqttPacketType.DISCONNECT) {
                v(p, null, "MQTT-3.14.0-1", "a DISCONNECT from the Server before its CONNACK");
            } else if (n == 1 && !midStream) {
                v(p, "MQTT-3.2.0-1", "MQTT-3.2.0-1", "the Server's first packet is a " + type + ", not CONNACK");
            }
        }
    }

    /** MQTT-4.12.0-5: AUTH packets and a successful CONNACK repeat the CONNECT's Authentication Method. */
    private void sameAuthMethod(MqttPacket p, Properties.Values props) {
        String m = props == null ? null : props.string(Properties.AUTHENTICATION_METHOD);
        if (!authMethod.equals(m)) {
            v(p, null, "MQTT-4.12.0-5", "the Authentication Method is " + (m == null ? "missing" : Utf8.quote(m))
                    + ", the CONNECT's was " + Utf8.quote(authMethod));
        }
    }

    private void publish(MqttPacket p, Properties.Values props) {
        Direction dir = p.direction();
        if (p.isMqtt5() && props != null) {
            alias(p, props);
            if (dir == CLIENT_TO_SERVER && p.qos() > serverMaxQos && p.qos() < 3) {
                v(p, null, "MQTT-3.2.2-11", "QoS " + p.qos() + " exceeds the Server's Maximum QoS " + serverMaxQos);
            }
            if (dir == CLIENT_TO_SERVER && p.retain() && !serverRetain) {
                v(p, null, "MQTT-3.2.2-14", "RETAIN is 1 although the Server said Retain Available 0");
            }
        }
        if (p.qos() == 1 || p.qos() == 2) {
            Await await = p.qos() == 1 ? Await.PUBACK : Await.PUBREC;
            Pending old = pending.get(dir).get(p.packetId());
            if (old != null && !p.dup() && p.packetId() != 0) {
                String rule311 = dir == CLIENT_TO_SERVER ? "MQTT-2.3.1-2" : "MQTT-2.3.1-4";
                String rule5 = dir == CLIENT_TO_SERVER ? "MQTT-2.2.1-3" : "MQTT-2.2.1-4";
                v(p, rule311, rule5, "Packet Identifier " + p.packetId() + " is still in use (awaiting " + old.await() + ")");
            }
            pending.get(dir).put(p.packetId(), new Pending(await, 0));
        }
    }

    private void alias(MqttPacket p, Properties.Values props) {
        if (!props.has(Properties.TOPIC_ALIAS)) {
            return;
        }
        int alias = (int) props.number(Properties.TOPIC_ALIAS, 0);
        boolean c2s = p.direction() == CLIENT_TO_SERVER;
        int max = c2s ? serverTopicAliasMax : clientTopicAliasMax;
        if (alias > max && !midStream) {
            v(p, null, c2s ? "MQTT-3.3.2-9" : "MQTT-3.3.2-11",
                    "Topic Alias " + alias + " exceeds the Topic Alias Maximum " + max + " the " + (c2s ? "Server" : "Client")
                            + " announced");
        }
        Map<Integer, String> map = aliases.get(p.direction());
        if (p.topic != null && !p.topic.isEmpty()) {
            map.put(alias, p.topic);
        } else if (p.topic != null) {
            String known = map.get(alias);
            if (known == null) {
                v(p, null, "3.3.2.3.4", "Topic Alias " + alias + " has no Topic Name mapped on this connection");
            } else {
                p.topic = known;
            }
        }
    }

    private void start(MqttPacket p, Await await, int count) {
        Map<Integer, Pending> mine = pending.get(p.direction());
        Pending old = mine.get(p.packetId());
        if (old != null && p.packetId() > 0) {
            v(p, "MQTT-2.3.1-2", "MQTT-2.2.1-3", "Packet Identifier " + p.packetId() + " is still in use (awaiting "
                    + old.await() + ")");
        }
        if (p.packetId() >= 0) {
            mine.put(p.packetId(), new Pending(await, count));
        }
    }

    /** PUBACK, PUBREC, PUBCOMP: answer a flow the other side started. */
    private void acknowledge(MqttPacket p, Await expected, Await next) {
        if (p.packetId() < 0) {
            return;
        }
        Map<Integer, Pending> theirs = pending.get(p.direction().opposite());
        Pending flow = theirs.get(p.packetId());
        if (flow == null || flow.await() != expected) {
            unknown(p, expected);
            return;
        }
        boolean failed = p.isMqtt5() && p.reasonCode() != null && p.reasonCode() >= 0x80;
        if (next == null || failed) {
            theirs.remove(p.packetId());
        } else {
            theirs.put(p.packetId(), new Pending(next, 0));
        }
    }

    /** PUBREL: the publisher goes on with its own QoS 2 flow. */
    private void release(MqttPacket p) {
        if (p.packetId() < 0) {
            return;
        }
        Map<Integer, Pending> mine = pending.get(p.direction());
        Pending flow = mine.get(p.packetId());
        if (flow == null || (flow.await() != Await.PUBREL && flow.await() != Await.PUBCOMP)) {
            unknown(p, Await.PUBREL);
            return;
        }
        mine.put(p.packetId(), new Pending(Await.PUBCOMP, 0));
    }

    private void subscribeAck(MqttPacket p, Await expected) {
        if (p.packetId() < 0) {
            return;
        }
        Map<Integer, Pending> theirs = pending.get(p.direction().opposite());
        Pending flow = theirs.get(p.packetId());
        if (flow == null || flow.await() != expected) {
            unknown(p, expected);
            return;
        }
        theirs.remove(p.packetId());
        boolean counted = expected == Await.SUBACK || p.isMqtt5();
        if (counted && p.returnCodes().size() != flow.count() && !p.returnCodes().isEmpty()) {
            String what = expected == Await.SUBACK ? "SUBSCRIBE" : "UNSUBSCRIBE";
            String rule311 = expected == Await.SUBACK ? "MQTT-3.8.4-5" : null;
            String rule5 = expected == Await.SUBACK ? "MQTT-3.8.4-6" : "3.11.3";
            v(p, rule311, rule5, p.type() + " has " + p.returnCodes().size() + " codes for the " + flow.count()
                    + " Topic Filters of " + what + " " + p.packetId());
        }
    }

    private void unknown(MqttPacket p, Await what) {
        if (sessionPresent || midStream) {
            return; // may finish a flow of a resumed session, or one that started before the capture
        }
        String rule311;
        String rule5;
        switch (what) {
            case SUBACK: case UNSUBACK: rule311 = "MQTT-2.3.1-7"; rule5 = "MQTT-2.2.1-6"; break;
            case PUBCOMP: rule311 = "4.3.3"; rule5 = "MQTT-2.2.1-5"; break;
            default: rule311 = "MQTT-2.3.1-6"; rule5 = "MQTT-2.2.1-5"; break;
        }
        v(p, rule311, rule5, "a " + p.type() + " for Packet Identifier " + p.packetId() + ", which no "
                + (what == Await.SUBACK ? "SUBSCRIBE" : what == Await.UNSUBACK ? "UNSUBSCRIBE"
                        : what == Await.PUBREL ? "PUBREC" : "PUBLISH")
                + " awaits");
    }

    /** A sequence violation shown on the packet's identifier when it has one, else on its type byte. */
    private void v(MqttPacket p, String rule311, String rule5, String message) {
        String rule = p.isMqtt5() ? rule5 : rule311;
        if (rule == null) {
            return;
        }
        MqttField id = p.field("Variable header", "Packet Identifier");
        int off = id != null ? id.offset() : 0;
        int len = id != null ? id.length() : 1;
        p.addViolation(new MqttViolation(Kind.SEQUENCE, p.isMqtt5() ? "5.0" : "3.1.1", rule, message, off, len,
                p.streamOffset() + off));
    }
}
