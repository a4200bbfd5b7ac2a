package io.netstep.session.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.NetworkEvent;
import io.netstep.session.EventLog;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.session.VirtualClock;
import io.netstep.w5500.ChipEvent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {

    private static final String SECRET = "CLIENT_RANDOM " + "ab".repeat(32) + " " + "cd".repeat(48);

    @TempDir
    Path dir;

    /** One event of every kind there is, with awkward values (nulls, empty and binary bytes, quotes, enums). */
    static List<Object> everyKind() {
        byte[] ip = {(byte) 192, (byte) 168, 77, 1};
        return List.of(
                new ChipEvent.SpiFrame(1, 0, 0x39, false, 0, new byte[] {4}, null),
                new ChipEvent.SpiFrame(2, 5, 0x0100, true, 0, new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80}, "cut short"),
                new ChipEvent.Command(3, 1, 0x04, 0x13),
                new ChipEvent.StateChange(4, 1, 0x13, 0x15, "CONNECT to 198.18.0.1:8883"),
                new ChipEvent.Interrupt(5, -1, 0x80, true),
                new ChipEvent.Data(6, 1, true, new byte[0], ip, 8883),
                new ChipEvent.Data(7, 0, false, new byte[] {1, 2, 3}, null, 0),
                new ChipEvent.Diagnostic(8, 2, "quote \" backslash \\ newline \n tab \t ctrl \u0001 é ✓"),
                new ChipEvent.Reset(9, true),
                new NetworkEvent.Dhcp(10, 0, "DISCOVER", "OFFER", "00:08:dc:01:02:03", "192.168.77.100", null),
                new NetworkEvent.Dns(11, 1, "192.168.77.1", "broker.netstep.test", 1, null, "none"),
                new NetworkEvent.Connect(12, 1, "198.18.0.1", 8883, "broker", "127.0.0.1:1883",
                        NetworkEvent.ConnectResult.REFUSED, "Connection refused"),
                new NetworkEvent.Listening(13, 2, 80, 40000),
                new NetworkEvent.Accepted(14, 2, "127.0.0.1:5000"),
                new NetworkEvent.Closed(15, 2, "FIN"),
                new NetworkEvent.Bytes(16, 1, true, new byte[] {9, 8}),
                new NetworkEvent.Datagram(17, 3, false, "10.0.0.1:5000", 12),
                new NetworkEvent.FaultApplied(18, 1, "drop-after:100", "dropped"),
                new NetworkEvent.Malformed(19, 0, "dhcp", "short", new byte[] {1}),
                new NetworkEvent.Dropped(20, 1, "window"),
                new SessionEvent.BridgeListening("unix:/tmp/x/bridge.sock"),
                new SessionEvent.BridgeConnected("fw", "unix"),
                new SessionEvent.BridgeDisconnected("fw", "BYE"),
                new SessionEvent.BridgeError("bad frame"),
                new SessionEvent.FirmwareStarted("fw --dhcp"),
                new SessionEvent.FirmwareExited(1234, 0, false),
                new SessionEvent.Suspended(SessionEvent.SuspendReason.BREAKPOINT, "Sn_CR CONNECT"),
                new SessionEvent.Resumed(SessionEvent.ResumeReason.STEP),
                new SessionEvent.NetworkNote("dns", "hello"),
                new SessionEvent.KeyLogLine(1),
                new SessionEvent.InternalError("oops"));
    }

    private static EventLog logOf(List<Object> events) {
        EventLog log = new EventLog(VirtualClock.manual());
        events.forEach(log::append);
        return log;
    }

    @Test
    void everyEventKindIsCovered() {
        Set<String> covered = new HashSet<>();
        everyKind().forEach(e -> covered.add(e.getClass().getSimpleName()));
        assertEquals(LogEntryCodec.typeNames(), covered, "a new event record needs a case here");
    }

    @Test
    void savedSessionLoadsToTheSameEntriesAndKeyLog() throws Exception {
        EventLog log = logOf(everyKind());
        KeyLog keys = new KeyLog();
        keys.add(SECRET);
        keys.add("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + "01".repeat(32) + " " + "02".repeat(32));
        Path f = dir.resolve("s.netstep");
        SessionFile.save(log, keys, f);

        SessionFile.Loaded l = SessionFile.load(f);
        assertEquals(List.of(), l.problems());
        assertEquals(SessionFile.VERSION, l.version());
        assertEquals(keys.lines(), l.keyLog().lines());
        List<LogEntry> want = log.snapshot();
        assertEquals(want.size(), l.entries().size());
        for (int i = 0; i < want.size(); i++) {
            LogEntry a = want.get(i);
            LogEntry b = l.entries().get(i);
            assertEquals(a.seq(), b.seq());
            assertEquals(a.virtualNanos(), b.virtualNanos());
            assertEquals(a.wallMillis(), b.wallMillis());
            assertEquals(a.event().getClass(), b.event().getClass());
            assertEquals(JsonlRecorder.line(a), JsonlRecorder.line(b));
        }
        ChipEvent.SpiFrame spi = (ChipEvent.SpiFrame) l.entries().get(1).event();
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80}, spi.data());
        assertEquals(2, spi.time());
        assertEquals(SessionEvent.SuspendReason.BREAKPOINT, ((SessionEvent.Suspended) l.entries().get(26).event()).reason());
        assertEquals(null, ((NetworkEvent.Dns) l.entries().get(10).event()).address());
        assertFalse(l.toString().contains("CLIENT_RANDOM"), "the loaded session never shows its secrets");
    }

    @Test
    void liveWriterFollowsTheSessionAndASessionCutShortStillLoads() throws Exception {
        EventLog log = new EventLog(VirtualClock.manual());
        KeyLog keys = new KeyLog();
        log.append(new SessionEvent.BridgeListening("unix:/x"));
        Path f = dir.resolve("live.netstep");
        SessionFile.LiveWriter w = SessionFile.open(log, keys, f);
        log.append(new ChipEvent.Reset(5, false));
        keys.add(SECRET);                          // as Session.keyLogLine does: kept, then logged
        log.append(new SessionEvent.KeyLogLine(1));
        w.flush();
        List<String> lines = Files.readAllLines(f);
        assertEquals(5, lines.size(), "header, three events, one key log record: " + lines.size());
        assertTrue(lines.get(4).startsWith("{\"keylog\":"));
        log.append(new ChipEvent.Data(9, 0, true, new byte[] {1, 2, 3, 4}, new byte[4], 1));
        w.close();

        // NetStep killed mid-line: everything before the cut loads, the cut line is reported
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.netstep");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        SessionFile.Loaded l = SessionFile.load(cut);
        assertEquals(3, l.entries().size());
        assertEquals(1, l.keyLog().size());
        assertEquals(1, l.problems().size());
        assertTrue(l.problems().get(0).startsWith("line 6:"), l.problems().get(0));
    }

    @Test
    void aCorruptLineIsReportedByNumberAndTheRestIsKept() throws Exception {
        Path f = dir.resolve("c.netstep");
        SessionFile.save(logOf(everyKind()), new KeyLog(), f);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(3, "{\"seq\":3,\"t_ns\":3,\"wall_ms\":1,\"type\":\"Command\",\"socket\":1}");    // field missing
        lines.set(5, "{\"seq\":5,\"t_ns\":5,\"wall_ms\":1,\"type\":\"NoSuchEvent\"}");
        lines.set(7, "\u0000\u0001 garbage " + SECRET);
        lines.add(9, "{\"keylog\":42}");
        Files.write(f, lines);
        SessionFile.Loaded l = SessionFile.load(f);
        assertEquals(everyKind().size() - 3, l.entries().size());
        assertEquals(4, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).startsWith("line 4: field \"command\" missing"), l.problems().get(0));
        assertTrue(l.problems().get(1).contains("line 6: unknown event type \"NoSuchEvent\""), l.problems().get(1));
        assertTrue(l.problems().get(2).startsWith("line 8: "), l.problems().get(2));
        assertFalse(String.join("\n", l.problems()).contains("CLIENT_RANDOM"), "a bad line is never quoted");
    }

    @Test
    void otherFilesAreRefusedWithAClearMessage() throws Exception {
        Path random = dir.resolve("random.bin");
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Files.write(random, noise);
        String m = assertThrows(SessionFile.NotASessionFileException.class, () -> SessionFile.load(random)).getMessage();
        assertTrue(m.contains("is not a NetStep session file"), m);

        Path empty = Files.createFile(dir.resolve("empty"));
        assertTrue(assertThrows(SessionFile.NotASessionFileException.class, () -> SessionFile.load(empty))
                .getMessage().contains("is empty"));

        Path record = dir.resolve("record.jsonl");
        Files.writeString(record, JsonlRecorder.line(logOf(everyKind()).snapshot().get(0)) + "\n");
        m = assertThrows(SessionFile.NotASessionFileException.class, () -> SessionFile.load(record)).getMessage();
        assertTrue(m.contains("--save-session"), m);

        Path newer = dir.resolve("newer");
        Files.writeString(newer, "{\"format\":\"netstep-session\",\"version\":7}\n");
        m = assertThrows(SessionFile.NotASessionFileException.class, () -> SessionFile.load(newer)).getMessage();
        assertTrue(m.contains("version 7") && m.contains("version 1"), m);

        Path pcap = dir.resolve("x.pcapng");
        Files.write(pcap, new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0});
        assertThrows(SessionFile.NotASessionFileException.class, () -> SessionFile.load(pcap));
    }

    @Test
    void anOverlongLineIsSkippedWithoutHoldingItAll() throws Exception {
        Path f = dir.resolve("long.netstep");
        String header = "{\"format\":\"netstep-session\",\"version\":1}\n";
        String ok = JsonlRecorder.line(logOf(everyKind()).snapshot().get(0)) + "\n";
        Files.writeString(f, header + "x".repeat(SessionFile.MAX_LINE + 10) + "\n" + ok, StandardCharsets.UTF_8);
        SessionFile.Loaded l = SessionFile.load(f);
        assertEquals(1, l.entries().size());
        assertEquals(List.of("line 2: longer than " + SessionFile.MAX_LINE + " characters, skipped"), l.problems());
    }
}
