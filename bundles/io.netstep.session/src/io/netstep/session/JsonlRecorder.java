package io.netstep.session;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Writes the event log as JSON lines, one object per entry, in sequence order:
 * <pre>
 * {"seq":1,"t_ns":0,"wall_ms":1763772000000,"type":"BridgeListening","endpoint":"unix:/tmp/netstep-1/bridge.sock"}
 * {"seq":9,"t_ns":1043000,"wall_ms":...,"type":"SpiFrame","block":0,"offset":57,"write":false,"om":0,"data":"04","problem":null}
 * </pre>
 * {@code t_ns} is virtual time in nanoseconds, {@code wall_ms} real time (epoch ms),
 * {@code type} the event's record name; the record's fields follow by name: numbers,
 * booleans, strings (null when absent), byte arrays as lowercase hex, enums by name.
 * Key log lines appear only as {@code KeyLogLine} with their count: the secrets are never
 * written. A stand-in until the proper session file format exists.
 */
public final class JsonlRecorder implements Consumer<LogEntry>, AutoCloseable {

    private final Writer out;
    private IOException failure;

    public JsonlRecorder(Writer out) {
        this.out = out;
    }

    public static JsonlRecorder toFile(Path file) throws IOException {
        return new JsonlRecorder(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
    }

    /** Writes every entry so far and then each new one. */
    public JsonlRecorder attach(EventLog log) {
        log.addListenerWithHistory(this);
        return this;
    }

    @Override
    public synchronized void accept(LogEntry e) {
        if (failure != null) {
            return;
        }
        try {
            out.write(line(e));
            out.write('\n');
        } catch (IOException ex) {
            failure = ex;
        }
    }

    /** One entry as a JSON object (no newline). */
    public static String line(LogEntry e) {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"seq\":").append(e.seq())
                .append(",\"t_ns\":").append(e.virtualNanos())
                .append(",\"wall_ms\":").append(e.wallMillis())
                .append(",\"type\":");
        quote(b, e.kind());
        Object ev = e.event();
        RecordComponent[] parts = ev.getClass().getRecordComponents();
        if (parts != null) {
            for (RecordComponent rc : parts) {
                if (rc.getName().equals("time")) {
                    continue;   // same as t_ns
                }
                Object v;
                try {
                    v = rc.getAccessor().invoke(ev);
                } catch (ReflectiveOperationException ex) {
                    v = "?";
                }
                b.append(',');
                quote(b, rc.getName());
                b.append(':');
                value(b, v);
            }
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof byte[] bytes) {
            quote(b, HexFormat.of().formatHex(bytes));
        } else if (v instanceof Enum<?> en) {
            quote(b, en.name());
        } else {
            quote(b, v.toString());
        }
    }

    /** Appends {@code s} as a JSON string literal (the one JSON string encoder of the session bundle). */
    public static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Flushes; an earlier write failure is thrown here. */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
