package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttStreamDecoder;
import io.netstep.mqtt.fuzz.MqttFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any chunking of a stream gives the same packets as the whole stream at once. */
class ChunkingTest {

    /** A small multi-packet client stream, MQTT 5, with properties and a multi-byte Remaining Length. */
    static byte[] smallStream() {
        return cat(connect5("chunky", props(u8(0x11), u32(10))),
                packet(0x82, u16(1), props(), str("a/+"), u8(1)),
                packet(0x32, str("a/b"), u16(2), props(u8(0x01), u8(1)), utf8("hi")),
                packet(0x30, str("big"), props(), new byte[300]),
                u8(0xC0, 0),
                u8(0xE0, 0));
    }

    static List<MqttPacket> feedInPieces(byte[] stream, int... cuts) {
        MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        List<MqttPacket> out = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            out.addAll(d.feed(stream, at, cut - at));
            at = cut;
        }
        out.addAll(d.feed(stream, at, stream.length - at));
        return out;
    }

    @Test
    void everySplitPointGivesTheSamePackets() {
        byte[] s = smallStream();
        List<MqttPacket> whole = feedInPieces(s);
        assertEquals(6, whole.size());
        assertEquals(List.of(), whole.get(2).violations());
        for (int i = 0; i <= s.length; i++) {
            assertEquals(whole, feedInPieces(s, i), "split at " + i);
        }
        for (int i = 0; i <= s.length; i += 7) {
            for (int j = i; j <= s.length; j += 5) {
                assertEquals(whole, feedInPieces(s, i, j), "split at " + i + " and " + j);
            }
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] s = smallStream();
        int[] cuts = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            cuts[i] = i;
        }
        List<MqttPacket> ps = feedInPieces(s, cuts);
        assertEquals(feedInPieces(s), ps);
        long at = 0;
        for (MqttPacket p : ps) {
            assertEquals(at, p.streamOffset(), "packets tile the stream");
            at += p.length();
        }
        assertEquals(s.length, at);
    }

    @Test
    void randomChunkingsOfALargerStream() {
        Random rnd = new Random(20261122L);
        List<byte[]> parts = new ArrayList<>();
        parts.add(connect311("many"));
        for (int i = 1; i <= 200; i++) {
            byte[] payload = new byte[rnd.nextInt(i % 20 == 0 ? 40000 : 200)];
            rnd.nextBytes(payload);
            parts.add(packet(0x30 | (i % 3) << 1, str("t/" + i), i % 3 == 0 ? new byte[0] : u16(i), payload));
        }
        byte[] stream = cat(parts.toArray(new byte[0][]));
        List<MqttPacket> reference = null;
        for (long seed = 1; seed <= 20; seed++) {
            List<MqttPacket> ps = MqttFuzz.check(stream, Direction.CLIENT_TO_SERVER, 0, seed);
            assertEquals(201, ps.size());
            if (reference != null) {
                assertEquals(reference, ps);
            }
            reference = ps;
        }
        assertEquals("t/200", reference.get(200).topic());
    }

    @Test
    void feedWithStreamOffsetsDropsRetransmissionsAndNoticesGaps() {
        byte[] s = smallStream();
        MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        List<MqttPacket> ps = new ArrayList<>(d.feed(s, 0, 30, 0));
        ps.addAll(d.feed(s, 20, 40, 20)); // 10 bytes seen again
        ps.addAll(d.feed(s, 60, s.length - 60, 60));
        assertEquals(feedInPieces(s), ps);
        MqttStreamDecoder gap = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        gap.feed(s, 0, 10, 0);
        gap.feed(s, 20, 10, 20);
        assertTrue(gap.framingLost());
        assertEquals(10, gap.streamProblems().get(0).streamOffset());
    }
}
