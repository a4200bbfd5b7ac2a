package io.netstep.session.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a long plain-MQTT capture (classic pcap, Ethernet, real IPv4/TCP checksums through
 * {@link PacketBuilder}) straight to a file: {@code connections} clients to 10.0.0.1:1883,
 * each with the TCP handshake, CONNECT, CONNACK, {@code publishes} QoS 0 PUBLISHes, DISCONNECT
 * and FINs, the connections interleaved packet by packet.
 */
final class BigMqttCapture {

    /** Data segments per connection: CONNECT, CONNACK, the PUBLISHes, DISCONNECT. */
    static int dataSegments(int publishes) {
        return publishes + 3;
    }

    private BigMqttCapture() { }

    static void write(Path file, int connections, int publishes, int payloadBytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            Conn[] cs = new Conn[connections];
            for (int c = 0; c < connections; c++) {
                cs[c] = new Conn(c);
            }
            long[] micros = {1_700_000_000_000_000L};
            Writer w = frame -> {
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                long t = micros[0]++;
                r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(frame.length).putInt(frame.length);
                out.write(r.array());
                out.write(frame);
            };
            for (Conn c : cs) {
                c.handshake(w);
            }
            for (Conn c : cs) {
                c.c2s(w, connect(c.id));
                c.s2c(w, new byte[] {0x20, 0x02, 0x00, 0x00});
            }
            byte[] body = new byte[payloadBytes];
            for (int i = 0; i < publishes; i++) {
                for (Conn c : cs) {
                    java.util.Arrays.fill(body, (byte) ('a' + (i % 26)));
                    c.c2s(w, publish("netstep/big/" + c.id, body));
                }
            }
            for (Conn c : cs) {
                c.c2s(w, new byte[] {(byte) 0xE0, 0x00});
                c.fin(w);
            }
        }
    }

    private interface Writer {
        void frame(byte[] f) throws IOException;
    }

    private static final class Conn {
        final int id;
        final PacketBuilder.Host client;
        final PacketBuilder.Host server;
        long clientSeq = 1000;
        long serverSeq = 5000;
        int ipId;

        Conn(int id) {
            this.id = id;
            client = new PacketBuilder.Host(new byte[] {2, 0, 0, 0, 0, 2}, new byte[] {10, 0, 0, 2}, 40000 + id, 64);
            server = new PacketBuilder.Host(new byte[] {2, 0, 0, 0, 0, 1}, new byte[] {10, 0, 0, 1}, 1883, 64);
        }

        void handshake(Writer w) throws IOException {
            w.frame(PacketBuilder.tcp(client, server, ipId++, clientSeq++, 0, PacketBuilder.SYN, 65535, 1460, new byte[0], 0, 0));
            w.frame(PacketBuilder.tcp(server, client, ipId++, serverSeq++, clientSeq, PacketBuilder.SYN | PacketBuilder.ACK,
                    65535, 1460, new byte[0], 0, 0));
            w.frame(PacketBuilder.tcp(client, server, ipId++, clientSeq, serverSeq, PacketBuilder.ACK, 65535, 0,
                    new byte[0], 0, 0));
        }

        void c2s(Writer w, byte[] data) throws IOException {
            w.frame(PacketBuilder.tcp(client, server, ipId++, clientSeq, serverSeq, PacketBuilder.ACK | PacketBuilder.PSH,
                    65535, 0, data, 0, data.length));
            clientSeq += data.length;
        }

        void s2c(Writer w, byte[] data) throws IOException {
            w.frame(PacketBuilder.tcp(server, client, ipId++, serverSeq, clientSeq, PacketBuilder.ACK | PacketBuilder.PSH,
                    65535, 0, data, 0, data.length));
            serverSeq += data.length;
        }

        void fin(Writer w) throws IOException {
            w.frame(PacketBuilder.tcp(client, server, ipId++, clientSeq++, serverSeq, PacketBuilder.FIN | PacketBuilder.ACK,
                    65535, 0, new byte[0], 0, 0));
            w.frame(PacketBuilder.tcp(server, client, ipId++, serverSeq++, clientSeq, PacketBuilder.FIN | PacketBuilder.ACK,
                    65535, 0, new byte[0], 0, 0));
        }
    }

    /** MQTT 3.1.1 CONNECT, clean session, keep alive 60 s. */
    private static byte[] connect(int id) {
        byte[] clientId = ("big-" + id).getBytes(StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.allocate(10 + 2 + clientId.length);
        v.putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII)).put((byte) 4).put((byte) 0x02)
                .putShort((short) 60).putShort((short) clientId.length).put(clientId);
        return packet(0x10, v.array());
    }

    private static byte[] publish(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.allocate(2 + t.length + payload.length);
        v.putShort((short) t.length).put(t).put(payload);
        return packet(0x30, v.array());
    }

    /** Fixed header (type and flags, Remaining Length as a variable byte integer) plus the rest. */
    private static byte[] packet(int first, byte[] rest) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(rest.length + 5);
        b.write(first);
        int n = rest.length;
        do {
            int d = n % 128;
            n /= 128;
            b.write(n > 0 ? d | 0x80 : d);
        } while (n > 0);
        b.writeBytes(rest);
        return b.toByteArray();
    }
}
