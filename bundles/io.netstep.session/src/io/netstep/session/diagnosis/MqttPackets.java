package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MQTT 3.1.1 control packets (fixed header §2.2) in one direction of a plain (non-TLS)
 * connection. Only what the rules need; the full decoder is the io.netstep.mqtt bundle.
 */
final class MqttPackets {

    static final int CONNECT = 1, CONNACK = 2, PUBLISH = 3, SUBSCRIBE = 8, PINGREQ = 12, PINGRESP = 13, DISCONNECT = 14;

    /** {@code offset}: stream offset of the first byte; {@code body}: the variable header and payload. */
    record Packet(long offset, int type, int flags, int remainingLength, int headerLength, byte[] body) {
        long end() {
            return offset + headerLength + remainingLength;
        }
    }

    final List<Packet> packets = new ArrayList<>();

    MqttPackets(byte[] s) {
        int pos = 0;
        while (pos + 2 <= s.length) {
            int type = (s[pos] & 0xFF) >> 4;
            int flags = s[pos] & 0x0F;
            int len = 0;
            int mult = 1;
            int i = pos + 1;
            boolean done = false;
            for (int n = 0; n < 4 && i < s.length; n++, i++) {
                len += (s[i] & 0x7F) * mult;
                mult *= 128;
                if ((s[i] & 0x80) == 0) {
                    done = true;
                    i++;
                    break;
                }
            }
            if (!done || type == 0 || i + len > s.length) {
                break;
            }
            packets.add(new Packet(pos, type, flags, len, i - pos, Arrays.copyOfRange(s, i, i + len)));
            pos = i + len;
        }
    }

    /** Whether the stream starts like an MQTT CONNECT (protocol name "MQTT" or "MQIsdp"). */
    static boolean looksLikeMqtt(byte[] s) {
        return s.length >= 8 && (s[0] & 0xFF) == 0x10 && (new String(s, 0, Math.min(s.length, 12),
                java.nio.charset.StandardCharsets.ISO_8859_1).contains("MQTT")
                || new String(s, 0, Math.min(s.length, 14), java.nio.charset.StandardCharsets.ISO_8859_1).contains("MQIsdp"));
    }

    /** The CONNECT's Keep Alive (§3.1.2.10), or -1. */
    static int keepAlive(Packet connect) {
        byte[] b = connect.body();
        if (b.length < 2) {
            return -1;
        }
        int nameLen = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int p = 2 + nameLen + 2;
        return p + 2 <= b.length ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : -1;
    }

    static String name(int type) {
        String[] names = {"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
            "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};
        return names[type & 0x0F];
    }
}
