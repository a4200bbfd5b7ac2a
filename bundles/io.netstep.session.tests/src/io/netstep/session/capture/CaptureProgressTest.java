package io.netstep.session.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a big capture with progress: bytes read then decoded are reported up to the total,
 * and a cancel while reading or while decoding stops within a few thousand packets with
 * {@link Progress.Cancelled} and nothing returned.
 */
class CaptureProgressTest {

    private static final int CONNECTIONS = 8;
    private static final int PUBLISHES = 25_000;
    /** SYN, SYN-ACK, ACK, the data segments, two FINs. */
    private static final int PACKETS = CONNECTIONS * (3 + BigMqttCapture.dataSegments(PUBLISHES) + 2);

    @TempDir
    static Path dir;
    static Path file;
    static long size;

    @BeforeAll
    static void writeCapture() throws Exception {
        file = dir.resolve("big-mqtt.pcap");
        long t0 = System.nanoTime();
        BigMqttCapture.write(file, CONNECTIONS, PUBLISHES, 200);
        size = Files.size(file);
        System.out.printf("netstep: wrote %s: %d packets, %.1f MB in %d ms%n", file.getFileName(), PACKETS,
                size / 1e6, (System.nanoTime() - t0) / 1_000_000);
        assertTrue(size > 50_000_000L, "a big capture: " + size);
    }

    /** Records every report; cancelled once {@code cancelWhen} holds for a reported amount. */
    static final class Recorder implements Progress {
        final List<long[]> reports = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        private final LongPredicate cancelWhen;
        volatile long cancelledAt = -1;

        Recorder(LongPredicate cancelWhen) {
            this.cancelWhen = cancelWhen;
        }

        @Override
        public void worked(long done, long total, String what) {
            reports.add(new long[] {done, total});
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(what)) {
                steps.add(what);
            }
            if (cancelledAt < 0 && cancelWhen.test(done)) {
                cancelledAt = done;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelledAt >= 0;
        }

        long last() {
            return reports.get(reports.size() - 1)[0];
        }
    }

    @Test
    void aFullOpenReportsReadingThenDecodingUpToTheTotal() throws Exception {
        Recorder r = new Recorder(done -> false);
        long t0 = System.nanoTime();
        Analysis a = Analysis.open(file, null, r);
        System.out.printf("netstep: opened %.1f MB with progress in %d ms: %d events, %d reports%n", size / 1e6,
                (System.nanoTime() - t0) / 1_000_000, a.events().size(), r.reports.size());

        long total = 2 * size;
        long previous = -1;
        for (long[] rep : r.reports) {
            assertEquals(total, rep[1], "the total stays twice the file size");
            assertTrue(rep[0] >= previous, "done never goes back: " + previous + " then " + rep[0]);
            previous = rep[0];
        }
        assertEquals(total, r.last(), "the last report is the total");
        assertTrue(r.reports.stream().filter(x -> x[0] > 0 && x[0] < size).count() > 100, "reading reported as it goes");
        assertTrue(r.reports.stream().filter(x -> x[0] > size && x[0] < total).count() > 50, "decoding reported as it goes");
        assertEquals(List.of("Reading big-mqtt.pcap", "Decoding big-mqtt.pcap"), r.steps);

        int segments = CONNECTIONS * BigMqttCapture.dataSegments(PUBLISHES);
        assertEquals(segments, a.events(Layer.SOCKET).size());
        List<ProtocolEvent> mqtt = a.mqttPackets();
        assertEquals(segments, mqtt.size());
        assertEquals(CONNECTIONS * PUBLISHES, mqtt.stream().filter(e -> e.type().startsWith("PUBLISH")).count(),
                mqtt.get(mqtt.size() / 2).toString());
        assertEquals(CONNECTIONS, a.connections().size());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void cancellingWhileReadingStopsAtOnceWithNothingReturned() throws Exception {
        Recorder r = new Recorder(done -> done >= size / 2);
        assertThrows(Progress.Cancelled.class, () -> Analysis.open(file, null, r));
        assertTrue(r.cancelledAt >= size / 2 && r.cancelledAt < size, "cancelled while reading");
        assertEquals(r.cancelledAt, r.last(), "nothing was read after the cancel was seen");
    }

    @Test
    void cancellingWhileDecodingStopsWithinAFewThousandPackets() throws Exception {
        long total = 2 * size;
        Recorder r = new Recorder(done -> done > size + size / 2);
        assertThrows(Progress.Cancelled.class, () -> Analysis.open(file, null, r));
        assertTrue(r.cancelledAt > size + size / 2 && r.cancelledAt < total, "cancelled while decoding: " + r.cancelledAt);
        assertEquals(r.cancelledAt, r.last(), "nothing was decoded past the next check");
        // Decoding is checked every 2048 segments (and connection ends): one step is at most that
        // share of the decoding half.
        long step = size * 2048 / (CONNECTIONS * BigMqttCapture.dataSegments(PUBLISHES)) + 1;
        long before = r.reports.get(r.reports.size() - 2)[0];
        assertTrue(r.cancelledAt - before <= step, "checked every few thousand packets: " + (r.cancelledAt - before));
    }

    @Test
    void aSessionFileReportsAndCancelsTheSameWay() throws Exception {
        int n = 100_000;
        List<io.netstep.session.LogEntry> entries = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            entries.add(new io.netstep.session.LogEntry(i, i * 1000L, 0, new io.netstep.w5500.ChipEvent.SpiFrame(i * 1000L,
                    io.netstep.w5500.Registers.socketBlock(i % 8), io.netstep.w5500.Registers.Sn_SR, false,
                    io.netstep.w5500.Registers.OM_VDM, new byte[] {(byte) io.netstep.w5500.Registers.SOCK_ESTABLISHED},
                    null)));
        }
        Path nsj = dir.resolve("long.nsj");
        SessionFile.save(entries, List.of(), nsj);
        long nsjSize = Files.size(nsj);

        Recorder full = new Recorder(done -> false);
        Analysis a = Analysis.open(nsj, null, full);
        assertEquals(n, a.events().size());
        assertEquals(2 * nsjSize, full.last());
        assertEquals(List.of("Reading long.nsj", "Decoding long.nsj"), full.steps);

        Recorder reading = new Recorder(done -> done >= nsjSize / 2);
        assertThrows(Progress.Cancelled.class, () -> Analysis.open(nsj, null, reading));
        assertTrue(reading.cancelledAt < nsjSize, "cancelled while reading the session file");
        Recorder decoding = new Recorder(done -> done > nsjSize + nsjSize / 2);
        assertThrows(Progress.Cancelled.class, () -> Analysis.open(nsj, null, decoding));
        assertTrue(decoding.cancelledAt < 2 * nsjSize, "cancelled while decoding the session file");
        assertEquals(decoding.cancelledAt, decoding.last());
    }

    @Test
    void theOldSignaturesStillReadTheSameCapture() throws Exception {
        Capture plain = CaptureReader.read(file);
        Recorder r = new Recorder(done -> false);
        Capture reported = CaptureReader.read(file, r);
        assertEquals(PACKETS, plain.packets());
        assertEquals(PACKETS, reported.packets());
        assertEquals(size, r.last(), "read alone, the total is the file size");
        assertEquals(plain.connections().size(), reported.connections().size());
        Analysis decoded = Analysis.of(reported, List.of(), new Recorder(done -> false));
        assertEquals(2 * CONNECTIONS * BigMqttCapture.dataSegments(PUBLISHES),
                decoded.events(Layer.SOCKET, Layer.MQTT).size());
    }
}
