package io.netstep.serial.fuzz;

import io.netstep.mqtt.Direction;
import io.netstep.serial.ByteStream;
import io.netstep.serial.LogConnection;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogProblem;
import io.netstep.serial.SerialLog;
import io.netstep.serial.SerialLogDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz entry point (Jazzer's {@code fuzzerTestOneInput} convention; no Jazzer dependency here).
 * The input is a log as bytes (ISO-8859-1, so every byte is a character). Checks: nothing
 * thrown, every event, problem and stream byte points at a line of the log, streams never
 * hold more bytes than the log has hex digits, and the decoders run without throwing.
 */
public final class SerialLogFuzz {

    private SerialLogFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(new String(data, StandardCharsets.ISO_8859_1));
    }

    /** Parses and decodes {@code text}; throws {@link IllegalStateException} on a broken invariant. */
    public static SerialLog check(String text) {
        SerialLog log = SerialLog.parse(text);
        int lines = log.lineCount();
        for (LogEvent e : log.events()) {
            if (e.line() < 1 || e.line() > lines) {
                throw new IllegalStateException("event outside the log: " + e);
            }
            if (e.connection() >= log.connections().size()) {
                throw new IllegalStateException("event of an unknown connection: " + e);
            }
        }
        for (LogProblem p : log.problems()) {
            if (p.line() < 1 || p.line() > lines) {
                throw new IllegalStateException("problem outside the log: " + p);
            }
        }
        long hexDigits = text.chars().filter(c -> Character.digit(c, 16) >= 0).count();
        long total = 0;
        for (LogConnection c : log.connections()) {
            for (Direction d : Direction.values()) {
                for (ByteStream s : new ByteStream[] {c.wire(d), c.plaintext(d)}) {
                    total += s.length();
                    for (int i = 0; i < s.length(); i++) {
                        int line = s.lineAt(i);
                        if (line < 1 || line > lines) {
                            throw new IllegalStateException("byte " + i + " of connection " + c.index() + " from line " + line);
                        }
                    }
                    for (ByteStream.Gap g : s.gaps()) {
                        if (g.offset() < 0 || g.offset() > s.length() || g.missing() <= 0) {
                            throw new IllegalStateException("bad gap " + g);
                        }
                    }
                }
            }
        }
        if (total * 2 > hexDigits) {
            throw new IllegalStateException(total + " stream bytes from " + hexDigits + " hex digits");
        }
        SerialLogDecoder.decode(log);
        return log;
    }
}
