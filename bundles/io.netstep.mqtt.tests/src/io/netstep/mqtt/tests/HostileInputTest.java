package io.netstep.mqtt.tests;

import static io.netstep.mqtt.tests.Pkt.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttListener;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttStreamDecoder;
import io.netstep.mqtt.MqttViolation;
import io.netstep.mqtt.fuzz.MqttFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random bytes, lying lengths, cut streams: no exception, bounded memory, one clear report. */
class HostileInputTest {

    @Test
    void randomBytesInEveryModeNeverBreakTheInvariants() {
        Random rnd = new Random(4242);
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[2 + rnd.nextInt(i % 100 == 0 ? 5000 : 300)];
            rnd.nextBytes(data);
            MqttFuzz.fuzzerTestOneInput(data);
        }
    }

    @Test
    void mutatedValidPacketsNeverBreakTheInvariants() {
        byte[] good = ChunkingTest.smallStream();
        Random rnd = new Random(77);
        for (int i = 0; i < 3000; i++) {
            byte[] m = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            byte[] data = cat(u8(rnd.nextInt(256), rnd.nextInt(8)), m);
            MqttFuzz.fuzzerTestOneInput(data);
        }
    }

    @Test
    void fifthRemainingLengthByteLosesFramingOnceAndStops() {
        List<MqttViolation> problems = new ArrayList<>();
        MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        d.addListener(new MqttListener() {
            @Override
            public void packet(MqttPacket packet) {
            }

            @Override
            public void streamProblem(Direction direction, MqttViolation v) {
                problems.add(v);
            }
        });
        assertEquals(1, d.feed(connect311("x")).size());
        assertEquals(List.of(), d.feed(u8(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)));
        assertEquals(List.of(), d.feed(connect311("more")), "nothing after the framing is lost");
        assertTrue(d.framingLost());
        assertEquals(1, problems.size());
        MqttViolation v = problems.get(0);
        assertEquals(MqttViolation.Kind.FRAMING_LOST, v.kind());
        assertEquals("2.2.3", v.rule());
        assertEquals(connect311("x").length + 1, v.streamOffset(), "points at the Remaining Length");
        d.endOfStream();
        assertEquals(1, d.streamProblems().size());
    }

    @Test
    void hugeRemainingLengthBuffersOnlyWhatArrives() {
        MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        // PUBLISH claiming 268,435,455 bytes (the maximum), then only 1000 bytes arrive
        assertEquals(List.of(), d.feed(cat(u8(0x30, 0xFF, 0xFF, 0xFF, 0x7F), str("t"), new byte[997])));
        for (int i = 0; i < 100; i++) {
            assertEquals(List.of(), d.feed(new byte[1000]));
        }
        int arrived = 1000 + 100 * 1000 - 5;
        assertTrue(d.bufferCapacity() <= 2 * arrived, "buffer " + d.bufferCapacity() + " for " + arrived + " bytes");
        d.endOfStream();
        MqttViolation v = d.streamProblems().get(0);
        assertEquals(MqttViolation.Kind.TRUNCATED, v.kind());
        assertTrue(v.message().contains("101000 of its 268435455"), v.message());
    }

    @Test
    void packetsAboveTheDecoderLimitAreSkippedButKeepTheFraming() {
        MqttConnection c = new MqttConnection(4, 100);
        MqttStreamDecoder d = c.decoder(Direction.SERVER_TO_CLIENT);
        byte[] big = packet(0x30, str("t"), new byte[500]);
        List<MqttPacket> ps = new ArrayList<>();
        for (byte x : cat(big, packet(0x30, str("small"), utf8("ok")))) {
            ps.addAll(d.feed(new byte[] {x}));
        }
        assertEquals(2, ps.size());
        assertFalse(ps.get(0).bodyKept());
        assertEquals(big.length, ps.get(0).length());
        assertEquals(MqttViolation.Kind.NOT_DECODED, ps.get(0).violations().get(0).kind());
        assertEquals("small", ps.get(1).topic());
        assertEquals(big.length, ps.get(1).streamOffset());
    }

    @Test
    void truncatedStreamIsReportedNotThrown() {
        byte[] s = ChunkingTest.smallStream();
        for (int cut = 1; cut < s.length; cut += 3) {
            MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
            List<MqttPacket> ps = d.feed(s, 0, cut);
            d.endOfStream();
            long end = ps.isEmpty() ? 0 : ps.get(ps.size() - 1).streamOffset() + ps.get(ps.size() - 1).length();
            assertEquals(end < cut ? 1 : 0, d.streamProblems().size(), "cut at " + cut);
        }
    }

    @Test
    void badArgumentsAreTheCallersError() {
        MqttStreamDecoder d = new MqttConnection().decoder(Direction.CLIENT_TO_SERVER);
        assertThrows(IndexOutOfBoundsException.class, () -> d.feed(new byte[4], 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new MqttConnection(7, 10));
    }
}
