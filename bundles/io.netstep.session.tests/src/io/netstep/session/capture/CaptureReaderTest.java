package io.netstep.session.capture;

import static io.netstep.session.capture.PacketBuilder.ACK;
import static io.netstep.session.capture.PacketBuilder.FIN;
import static io.netstep.session.capture.PacketBuilder.PSH;
import static io.netstep.session.capture.PacketBuilder.RST;
import static io.netstep.session.capture.PacketBuilder.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netstep.session.capture.CaptureFiles.Ng;
import io.netstep.session.capture.CaptureFiles.Pkt;
import io.netstep.session.capture.PacketBuilder.Host;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CaptureReaderTest {

    private static final Host CLIENT = new Host(new byte[] {2, 0, 0, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 50000, 64);
    private static final Host SERVER = new Host(new byte[] {2, 0, 0, 0, 0, 2}, new byte[] {10, 0, 0, 1}, 8883, 64);
    private static final long T0 = 1_763_772_000_123_456_000L;
    /** Near the top of the sequence space: the stream wraps around 2^32. */
    private static final long CLIENT_ISN = 0xFFFFFE00L;
    private static final long SERVER_ISN = 1000;

    private static final byte[] UP = bytes(3000, 7);
    private static final byte[] DOWN = bytes(400, 11);

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Pkt seg(int i, boolean fromClient, long seq, long ack, int flags, byte[] data, int from, int to) {
        byte[] d = Arrays.copyOfRange(data == null ? new byte[0] : data, from, to);
        return new Pkt(T0 + i * 1_000_000L, PacketBuilder.tcp(fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT,
                i, seq & 0xFFFFFFFFL, ack & 0xFFFFFFFFL, flags, 65535, 0, d, 0, d.length));
    }

    /** Out of order, retransmitted, overlapping client data; a server hole that is never filled. */
    static Pkt[] messyConnection() {
        long c = CLIENT_ISN + 1;
        long s = SERVER_ISN + 1;
        return new Pkt[] {
            seg(0, true, CLIENT_ISN, 0, SYN, null, 0, 0),
            seg(1, false, SERVER_ISN, c, SYN | ACK, null, 0, 0),
            seg(2, true, c, s, ACK, null, 0, 0),
            seg(3, true, c, s, ACK | PSH, UP, 0, 1000),
            seg(4, true, c + 2000, s, ACK | PSH, UP, 2000, 3000),     // ahead of a hole
            seg(5, true, c + 1000, s, ACK | PSH, UP, 1000, 2000),     // fills it
            seg(6, true, c, s, ACK | PSH, UP, 0, 1000),               // retransmission
            seg(7, true, c + 500, s, ACK | PSH, UP, 500, 1500),       // overlap, nothing new
            seg(8, false, s, c + 3000, ACK | PSH, DOWN, 0, 100),
            seg(9, false, s + 300, c + 3000, ACK | PSH, DOWN, 300, 400),   // 200..300 never captured
            seg(10, false, s + 100, c + 3000, ACK | PSH, DOWN, 100, 200),
            seg(11, true, c + 3000, s + 400, FIN | ACK, null, 0, 0),
            seg(12, false, s + 400, c + 3001, RST | ACK, null, 0, 0),
        };
    }

    private static void assertMessyConnection(Capture cap) {
        assertEquals(13, cap.packets());
        assertEquals(1, cap.connections().size());
        Capture.TcpConnection t = cap.connections().get(0);
        assertEquals(new Capture.Endpoint("10.0.0.2", 50000), t.client());
        assertEquals(new Capture.Endpoint("10.0.0.1", 8883), t.server());
        assertTrue(t.handshakeSeen());
        assertArrayEquals(UP, t.bytes(true));
        long at = 0;
        for (Capture.Segment s : t.clientToServer()) {
            assertEquals(at, s.streamOffset(), "client stream is contiguous");
            at += s.bytes().length;
        }
        assertEquals(T0 + 3_000_000L, t.clientToServer().get(0).timeNanos());
        byte[] down = t.bytes(false);
        byte[] want = new byte[300];
        System.arraycopy(DOWN, 0, want, 0, 200);
        System.arraycopy(DOWN, 300, want, 200, 100);
        assertArrayEquals(want, down, "the server stream without its hole");
        assertEquals(300, t.serverToClient().get(t.serverToClient().size() - 1).streamOffset());
        assertEquals(List.of("server→client: 100 byte(s) never captured at stream offset 200"), t.problems());
        assertEquals("FIN", t.clientClose());
        assertEquals("RST", t.serverClose());
    }

    @Test
    void classicPcapInEitherByteOrderAndResolution() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (boolean nanos : List.of(false, true)) {
                Capture c = CaptureReader.read(CaptureFiles.pcap(o, nanos, 1, messyConnection()));
                assertTrue(c.format().startsWith("pcap 2.4"), c.format());
                assertMessyConnection(c);
            }
        }
    }

    @Test
    void pcapngInEitherByteOrderWithSecretsVlanAndSimplePackets() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            Ng ng = new Ng().section(o).iface(1, 9).dsb("# comment\nCLIENT_RANDOM aa bb\r\nCLIENT_RANDOM cc dd\n");
            for (Pkt p : messyConnection()) {
                ng.epb(0, p.nanos(), p.frame());      // resolution 10^-9: the time stamp is in nanoseconds
            }
            byte[] dns = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0};
            byte[] udp = PacketBuilder.udp(CLIENT, new Host(SERVER.mac(), SERVER.ip(), 53, 64), 9, dns);
            byte[] tagged = new byte[udp.length + 4];      // the same datagram in an 802.1Q tag, VLAN 5
            System.arraycopy(udp, 0, tagged, 0, 12);
            tagged[12] = (byte) 0x81;
            tagged[14] = 0;
            tagged[15] = 5;
            System.arraycopy(udp, 12, tagged, 16, udp.length - 12);
            ng.spb(udp).epb(0, 7, tagged);
            ng.section(o == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).iface(1, -1)
                    .epb(0, 5_000_000L, udp);         // a second section, other byte order, microseconds
            Capture c = CaptureReader.read(ng.bytes());
            assertEquals(16, c.packets(), c.toString());
            assertEquals(List.of("CLIENT_RANDOM aa bb", "CLIENT_RANDOM cc dd"), c.keyLog());
            assertEquals(3, c.datagrams().size());
            for (Capture.UdpDatagram d : c.datagrams()) {
                assertArrayEquals(dns, d.payload());
                assertEquals(new Capture.Endpoint("10.0.0.1", 53), d.destination());
            }
            assertEquals(7, c.datagrams().get(1).timeNanos());
            assertEquals(5_000_000_000L, c.datagrams().get(2).timeNanos());
            assertEquals(List.of(), c.problems());
            // a capture without packets 1..3 of the handshake: reported, client by port
            Capture messy = CaptureReader.read(new Ng().section(o).iface(1, 9)
                    .epb(0, 1, messyConnection()[8].frame()).bytes());
            assertEquals(new Capture.Endpoint("10.0.0.2", 50000), messy.connections().get(0).client());
            assertFalse(messy.connections().get(0).problems().isEmpty());
            assertMessyConnection(CaptureReader.read(withNgAround(o)));
        }
    }

    private static byte[] withNgAround(ByteOrder o) {
        Ng ng = new Ng().section(o).iface(1, 9);
        for (Pkt p : messyConnection()) {
            ng.epb(0, p.nanos(), p.frame());
        }
        return ng.bytes();
    }

    @Test
    void garbageIsRefusedClearly() {
        String m = assertThrows(CaptureReader.CaptureFormatException.class,
                () -> CaptureReader.read("hello, this is text\n".getBytes())).getMessage();
        assertTrue(m.contains("is not a pcap or pcapng capture"), m);
        assertThrows(CaptureReader.CaptureFormatException.class, () -> CaptureReader.read(new byte[0]));
        m = assertThrows(CaptureReader.CaptureFormatException.class,
                () -> CaptureReader.read(new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 1, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a}))
                .getMessage();
        assertTrue(m.contains("impossible length"), m);
    }

    @Test
    void damagedFilesKeepWhatCameBeforeTheDamage() throws Exception {
        byte[] good = withNgAround(ByteOrder.LITTLE_ENDIAN);
        // a block claiming a length far beyond the limit: no allocation of it, a clear problem
        byte[] huge = Arrays.copyOf(good, good.length + 12);
        int at = good.length;
        huge[at] = 6;
        huge[at + 7] = 0x7F;
        Capture c = CaptureReader.read(huge);
        assertEquals(13, c.packets());
        assertTrue(c.problems().get(0).contains("impossible length"), c.problems().toString());

        byte[] pcap = CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, messyConnection());
        byte[] bigRecord = Arrays.copyOf(pcap, pcap.length + 16);
        bigRecord[pcap.length + 8] = 0;
        bigRecord[pcap.length + 11] = 0x40;         // incl_len 1 GiB
        c = CaptureReader.read(bigRecord);
        assertEquals(13, c.packets());
        assertTrue(c.problems().get(0).contains("the file is damaged from here on"), c.problems().toString());

        // every cut of a good file: read up to the cut, the cut reported, nothing thrown but the refusal
        for (byte[] whole : List.of(good, pcap)) {
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                try {
                    Capture part = CaptureReader.read(cut);
                    boolean boundary = part.problems().stream().noneMatch(p -> p.contains("cut short"));
                    if (boundary) {
                        assertTrue(isBoundary(whole, n), "a cut at " + n + " of " + whole.length + " went unreported");
                    }
                } catch (CaptureReader.CaptureFormatException refused) {
                    assertTrue(n < 32, "refused only while the file header is incomplete, not at " + n);
                }
            }
        }
    }

    /** Whether {@code n} is the end of a block / record in {@code whole} (cuts there lose nothing visible). */
    private static boolean isBoundary(byte[] whole, int n) throws IOException {
        return CaptureReader.read(Arrays.copyOf(whole, n)).problems().isEmpty();
    }

    @Test
    void randomBytesBehindAValidStartNeverThrow() {
        Random r = new Random(42);
        byte[][] starts = {
            new Ng().section(ByteOrder.LITTLE_ENDIAN).iface(1, 6).bytes(),
            new Ng().section(ByteOrder.BIG_ENDIAN).iface(1, 0x89).bytes(),
            CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, true, 1),
        };
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] start = starts[i % starts.length];
            byte[] tail = new byte[r.nextInt(400)];
            r.nextBytes(tail);
            if (i % 5 == 0 && tail.length > 8) {           // plausible block headers, lying lengths
                tail[0] = (byte) (r.nextBoolean() ? 6 : 0x0A);
                tail[4] = (byte) (r.nextInt(64) * 4);
            }
            byte[] in = Arrays.copyOf(start, start.length + tail.length);
            System.arraycopy(tail, 0, in, start.length, tail.length);
            io.netstep.session.capture.fuzz.CaptureFuzz.fuzzerTestOneInput(in);    // the Jazzer target itself
            try {
                Capture c = CaptureReader.read(in);
                seen.add(c.format());
            } catch (IOException refused) {
                // fine: a clear refusal
            } catch (RuntimeException e) {
                fail("input " + i + " threw " + e, e);
            }
        }
        assertFalse(seen.isEmpty());
    }
}
