package io.netstep.serial.tests;

import static io.netstep.serial.tests.MbedTlsRealLogTest.find;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.mqtt.Direction;
import io.netstep.serial.ByteStream;
import io.netstep.serial.LogConnection;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogProblem;
import io.netstep.serial.SerialLog;
import io.netstep.serial.SerialLogDecoder;
import io.netstep.serial.fuzz.SerialLogFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Logs as users paste them: other prefixes, lines lost or cut, prints in between, noise. */
class DamagedLogTest {

    private static final String OK = "mbedtls228-ok-level4.log";

    private static String mapLines(String text, UnaryOperator<String> f, String eol) {
        StringBuilder sb = new StringBuilder();
        List<String> lines = Logs.lines(text);
        for (int i = 1; i < lines.size(); i++) {
            if (i == lines.size() - 1 && lines.get(i).isEmpty()) {
                break;
            }
            sb.append(f.apply(lines.get(i))).append(eol);
        }
        return sb.toString();
    }

    private static void assertSameStreams(SerialLog expected, SerialLog actual) {
        assertEquals(expected.connections().size(), actual.connections().size());
        for (int i = 0; i < expected.connections().size(); i++) {
            for (Direction d : Direction.values()) {
                LogConnection e = expected.connections().get(i);
                LogConnection a = actual.connections().get(i);
                assertArrayEquals(e.wire(d).bytes(), a.wire(d).bytes(), "wire " + d);
                assertArrayEquals(e.plaintext(d).bytes(), a.plaintext(d).bytes(), "plaintext " + d);
                for (int k = 0; k < e.wire(d).length(); k++) {
                    assertEquals(e.wire(d).lineAt(k), a.wire(d).lineAt(k));
                }
            }
        }
    }

    /** Events read from known library messages (without the prefix, other lines cannot be told from prose). */
    private static List<String> libraryEvents(SerialLog log) {
        return log.events().stream().filter(e -> e.kind() != LogEvent.Kind.INFO && e.kind() != LogEvent.Kind.ERROR)
                .map(e -> e.line() + " " + e.kind() + " " + e.name() + " " + e.detail() + " " + e.code()).toList();
    }

    @Test
    void anyLinePrefixAndLineEndGivesTheSameStreams() {
        String text = Logs.text(OK);
        SerialLog original = SerialLog.parse(text);
        int[] n = {0};
        List<String> variants = List.of(
                mapLines(text, l -> String.format("[00:00:%02d.%03d] %s", n[0] / 1000 % 60, n[0]++ % 1000, l), "\r\n"),
                mapLines(text, l -> "I (" + (1000 + n[0]++) + ") mbedtls: " + l, "\n"),
                mapLines(text, l -> "12:00:01.123 DBG: " + l, "\r"),
                // the WIZnet example's callback prints the bare message: no file, level or context
                mapLines(text, l -> "DBG: " + l.replaceFirst("^\\S+\\.c:\\d+: \\|\\d\\| 0x[0-9a-f]+: ", ""), "\r\n"));
        for (String v : variants) {
            SerialLog parsed = SerialLog.parse(v);
            assertSameStreams(original, parsed);
            assertEquals(libraryEvents(original), libraryEvents(parsed));
            assertEquals(original.problems().size(), parsed.problems().size(), parsed.problems().toString());
            assertEquals(original.first("chosen cipher suite").line(), parsed.first("chosen cipher suite").line());
        }
    }

    @Test
    void aLostDumpLineIsReportedWithTheMissingBytesAndDecodingStopsThere() {
        String text = Logs.text(OK);
        List<String> lines = Logs.lines(text);
        int header = find(lines, 1, "dumping 'input record from network' (1594 bytes)");
        int lost = find(lines, header, "0010:  ");
        List<String> kept = new ArrayList<>(lines.subList(1, lines.size()));
        kept.set(lost - 1, "");  // keep the numbering: the line is blank in the paste
        SerialLog log = SerialLog.parse(String.join("\n", kept));
        LogProblem p = log.problems().stream().filter(x -> x.message().contains("skips from offset 16 to 32"))
                .findFirst().orElseThrow();
        assertEquals(lost + 1, p.line());
        ByteStream s2c = log.connections().get(0).wire(Direction.SERVER_TO_CLIENT);
        assertEquals(1, s2c.gaps().size());
        assertEquals(16, s2c.gaps().get(0).missing());
        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        assertEquals(1, r.tls("ServerHello").size());
        assertEquals(0, r.tls("Certificate").size(), "the Certificate lies beyond the gap");
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("decoding stops")));
        // MQTT still decodes: the decrypted payloads are other dumps
        assertEquals(9, r.mqtt().size());
    }

    @Test
    void aLogCutInsideADumpKeepsWhatCame() {
        String text = Logs.text(OK);
        List<String> lines = Logs.lines(text);
        int header = find(lines, 1, "dumping 'input record from network' (1594 bytes)");
        String cut = String.join("\n", lines.subList(1, header + 11)) + "\n" + lines.get(header + 11).substring(0, 30);
        SerialLog log = SerialLog.parse(cut);
        assertTrue(log.problems().stream().anyMatch(p -> p.line() == header && p.message().contains("cut short")),
                log.problems().toString());
        ByteStream s2c = log.connections().get(0).wire(Direction.SERVER_TO_CLIENT);
        assertEquals(70 + 160, s2c.length() - 0, "ServerHello record and ten full dump lines of the Certificate");
        assertFalse(s2c.gaps().isEmpty());
        SerialLogDecoder.decode(log);
    }

    @Test
    void applicationPrintsInsideADumpDoNotBreakIt() {
        String text = Logs.text(OK);
        List<String> lines = new ArrayList<>(Logs.lines(text));
        int header = find(lines, 1, "dumping 'input record from network' (1594 bytes)");
        lines.add(header + 5, "MQTT Task - tick 42");
        lines.add(header + 9, "> status: link up");
        SerialLog log = SerialLog.parse(String.join("\n", lines.subList(1, lines.size())));
        SerialLog original = SerialLog.parse(text);
        for (Direction d : Direction.values()) {
            assertArrayEquals(original.connections().get(0).wire(d).bytes(), log.connections().get(0).wire(d).bytes());
        }
        assertEquals(original.problems().size(), log.problems().size());
    }

    @Test
    void socketDumpsOfAnyLineWidth() {
        StringBuilder sb = new StringBuilder("Port:[0]/Send(24) :\n");
        for (int i = 0; i < 24; i++) {
            sb.append(String.format("%02X", i)).append(i % 8 == 7 ? "\n" : " ");
        }
        sb.append("Port:[0]/Recv(40)[40]:\n");
        for (int i = 0; i < 40; i++) {
            sb.append(String.format("%02x", 0x80 + i)).append(i % 32 == 31 || i == 39 ? "\n" : " ");
        }
        SerialLog log = SerialLog.parse(sb.toString());
        LogConnection c = log.connections().get(0);
        byte[] up = c.wire(Direction.CLIENT_TO_SERVER).bytes();
        assertEquals(24, up.length);
        assertEquals(23, up[23]);
        assertEquals(4, c.wire(Direction.CLIENT_TO_SERVER).lineAt(23));
        byte[] down = c.wire(Direction.SERVER_TO_CLIENT).bytes();
        assertEquals(40, down.length);
        assertEquals((byte) 0xA7, down[39]);
        assertEquals(7, c.wire(Direction.SERVER_TO_CLIENT).lineAt(39));
        assertEquals(List.of(), log.problems());
    }

    @Test
    void aShortSocketDumpIsAGapAndMoreBytesThanAnnouncedAreReported() {
        SerialLog log = SerialLog.parse("Port:[0]/Recv(8)[8]:\n16 03 03 00\nssl->f_recv(_timeout)() returned 8 (-0xfffffff8)\n"
                + "Port:[0]/Recv(2)[2]:\n01 02 03\n");
        ByteStream s2c = log.connections().get(0).wire(Direction.SERVER_TO_CLIENT);
        assertEquals(6, s2c.length());
        assertEquals(4, s2c.gaps().get(0).offset());
        assertEquals(4, s2c.gaps().get(0).missing());
        assertTrue(log.problems().stream().anyMatch(p -> p.line() == 1 && p.message().contains("announced 8 bytes")));
        assertTrue(log.problems().stream().anyMatch(p -> p.line() == 5 && p.message().contains("1 bytes more")));
    }

    @Test
    void hexWithoutHeaderAndBinaryNoiseAreReportedPerLine() {
        String text = "boot\n0000:  16 03 03 00 3d 01 00 00  ....\n\u0001\u0002\u0003\u0004\u0005\u0006xx\u0007\nok\n";
        SerialLog log = SerialLog.parse(text);
        assertEquals(2, log.problems().size(), log.problems().toString());
        assertEquals(2, log.problems().get(0).line());
        assertTrue(log.problems().get(0).message().contains("without its 'dumping' header"));
        assertEquals(3, log.problems().get(1).line());
        assertTrue(log.problems().get(1).message().contains("not text"));
        assertEquals(1, log.events().size()); // "ok"
        assertEquals(4, log.events().get(0).line());
    }

    @Test
    void mutatedLogsNeverThrow() {
        Random rnd = new Random(20261122);
        List<String> bases = List.of(Logs.text(OK), Logs.text("mbedtls228-in-buf-1024-level4.log"),
                Logs.text("mbedtls228-wrong-ca-level2.log"));
        for (int round = 0; round < 150; round++) {
            char[] c = bases.get(round % bases.size()).toCharArray();
            int edits = 1 + rnd.nextInt(40);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(c.length);
                c[at] = switch (rnd.nextInt(5)) {
                    case 0 -> '\n';
                    case 1 -> (char) rnd.nextInt(256);
                    case 2 -> "0123456789abcdef".charAt(rnd.nextInt(16));
                    case 3 -> ' ';
                    default -> c[rnd.nextInt(c.length)];
                };
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(c.length) : c.length;
            SerialLogFuzz.check(new String(c, 0, len));
        }
        byte[] noise = new byte[20000];
        rnd.nextBytes(noise);
        SerialLogFuzz.fuzzerTestOneInput(noise);
    }
}
