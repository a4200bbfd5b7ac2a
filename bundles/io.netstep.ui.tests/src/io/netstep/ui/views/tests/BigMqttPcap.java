package io.netstep.ui.views.tests;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a long plain-MQTT capture (classic pcap, Ethernet/IPv4/TCP, checksums left zero as
 * with checksum offload) straight to a file: {@code connections} clients to 10.0.0.1:1883, each
 * with the TCP handshake, CONNECT, CONNACK, {@code publishes} QoS 0 PUBLISHes, DISCONNECT and
 * FINs, the connections interleaved packet by packet.
 */
final class BigMqttPcap {

    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private BigMqttPcap() { }

    /** Data segments (and so MQTT packets) per connection: CONNECT, CONNACK, the PUBLISHes, DISCONNECT. */
    static int dataSegments(int publishes) {
        return publishes + 3;
    }

    /** All packets: SYN, SYN-ACK, ACK, the data segments and two FINs per connection. */
    static int packets(int connections, int publishes) {
        return connections * (3 + dataSegments(publishes) + 2);
    }

    static void write(Path file, int connections, int publishes, int payloadBytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            Sink sink = new Sink(out);
            Conn[] cs = new Conn[connections];
            for (int c = 0; c < connections; c++) {
                cs[c] = new Conn(c, sink);
                cs[c].handshake();
            }
            for (Conn c : cs) {
                c.send(true, mqtt(0x10, connectBody(c.id)));
                c.send(false, new byte[] {0x20, 0x02, 0x00, 0x00});
            }
            byte[] body = new byte[payloadBytes];
            for (int i = 0; i < publishes; i++) {
                Arrays.fill(body, (byte) ('a' + i % 26));
                for (Conn c : cs) {
                    c.send(true, publish("netstep/big/" + c.id, body));
                }
            }
            for (Conn c : cs) {
                c.send(true, new byte[] {(byte) 0xE0, 0x00});
                c.segment(true, FIN | ACK, new byte[0]);
                c.segment(false, FIN | ACK, new byte[0]);
            }
        }
    }

    /** Packet records with a time stamp one microsecond after the last. */
    private static final class Sink {
        private final OutputStream out;
        private long micros = 1_700_000_000_000_000L;

        Sink(OutputStream out) {
            this.out = out;
        }

        void frame(byte[] f) throws IOException {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long t = micros++;
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(f.length).putInt(f.length);
            out.write(r.array());
            out.write(f);
        }
    }

    private static final class Conn {
        final int id;
        final Sink sink;
        long clientSeq = 1000;
        long serverSeq = 5000;
        int ipId;

        Conn(int id, Sink sink) {
            this.id = id;
            this.sink = sink;
        }

        void handshake() throws IOException {
            segment(true, SYN, new byte[0]);
            clientSeq++;
            segment(false, SYN | ACK, new byte[0]);
            serverSeq++;
            segment(true, ACK, new byte[0]);
        }

        void send(boolean fromClient, byte[] data) throws IOException {
            segment(fromClient, PSH | ACK, data);
        }

        void segment(boolean fromClient, int flags, byte[] data) throws IOException {
            byte[] f = new byte[14 + 20 + 20 + data.length];
            ByteBuffer b = ByteBuffer.wrap(f);
            b.put(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 1 : 2)});        // destination MAC
            b.put(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 2 : 1)});        // source MAC
            b.putShort((short) 0x0800);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putShort((short) ipId++)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
            byte[] clientIp = {10, 0, 0, 2};
            byte[] serverIp = {10, 0, 0, 1};
            b.put(fromClient ? clientIp : serverIp).put(fromClient ? serverIp : clientIp);
            int clientPort = 40000 + id;
            b.putShort((short) (fromClient ? clientPort : 1883)).putShort((short) (fromClient ? 1883 : clientPort));
            long seq = fromClient ? clientSeq : serverSeq;
            long ack = (flags & SYN) != 0 && fromClient ? 0 : fromClient ? serverSeq : clientSeq;
            b.putInt((int) seq).putInt((int) ack).put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535)
                    .putShort((short) 0).putShort((short) 0);
            b.put(data);
            sink.frame(f);
            if (fromClient) {
                clientSeq += data.length + ((flags & FIN) != 0 ? 1 : 0);
            } else {
                serverSeq += data.length + ((flags & FIN) != 0 ? 1 : 0);
            }
        }
    }

    /** MQTT 3.1.1 CONNECT variable header and payload: clean session, keep alive 60 s. */
    private static byte[] connectBody(int id) {
        byte[] clientId = ("big-" + id).getBytes(StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.allocate(10 + 2 + clientId.length);
        v.putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII)).put((byte) 4).put((byte) 0x02)
                .putShort((short) 60).putShort((short) clientId.length).put(clientId);
        return v.array();
    }

    private static byte[] publish(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.allocate(2 + t.length + payload.length);
        v.putShort((short) t.length).put(t).put(payload);
        return mqtt(0x30, v.array());
    }

    /** Fixed header (type and flags, Remaining Length as a variable byte integer) plus the rest. */
    private static byte[] mqtt(int first, byte[] rest) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(rest.length + 5);
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
