package io.netstep.session.capture;

import io.netstep.session.EventLog;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The NetStep session file (format described in the package documentation): save a session's
 * event log and key log, load them back. Saving streams line by line; {@link #open} gives a
 * writer that follows a live session so the file is complete up to the last event even if
 * NetStep is killed.
 */
public final class SessionFile {

    public static final String FORMAT = "netstep-session";
    public static final int VERSION = 1;

    /** Longest line read (a 16 KB burst is 32 K hex characters); longer lines are corrupt. */
    static final int MAX_LINE = 4 << 20;

    private SessionFile() { }

    /** A session read back: its entries (same types as a live log's), its key log, and what could not be read. */
    public record Loaded(int version, List<LogEntry> entries, KeyLog keyLog, List<String> problems) {
        @Override
        public String toString() {
            return "SessionFile.Loaded[v" + version + ", " + entries.size() + " entries, " + keyLog
                    + ", " + problems.size() + " problems]";
        }
    }

    /** Thrown when the file is not a session file this NetStep can read at all. */
    public static final class NotASessionFileException extends IOException {
        private static final long serialVersionUID = 1L;

        NotASessionFileException(String message) {
            super(message);
        }
    }

    /** Writes everything in {@code log} so far, and all of {@code keyLog}, to {@code file}. */
    public static void save(EventLog log, KeyLog keyLog, Path file) throws IOException {
        save(log.snapshot(), keyLog.lines(), file);
    }

    public static void save(List<LogEntry> entries, List<String> keyLogLines, Path file) throws IOException {
        try (LiveWriter w = new LiveWriter(Files.newOutputStream(file), null)) {
            for (LogEntry e : entries) {
                w.accept(e);
            }
            for (String line : keyLogLines) {
                w.keyLogLine(line);
            }
            w.failIfFailed();
        }
    }

    /**
     * A writer that appends each entry of {@code log} (the ones so far, then new ones) to
     * {@code file}, and each key log line of {@code keyLog} as the log reports it. Close it
     * after the session.
     */
    public static LiveWriter open(EventLog log, KeyLog keyLog, Path file) throws IOException {
        LiveWriter w = new LiveWriter(Files.newOutputStream(file), keyLog);
        log.addListenerWithHistory(w);
        return w;
    }

    /** Follows a session; write errors are kept and thrown from {@link #close}. */
    public static final class LiveWriter implements Consumer<LogEntry>, AutoCloseable {
        private final Writer out;
        private final KeyLog keyLog;
        private int keyLinesWritten;
        private IOException failure;

        LiveWriter(java.io.OutputStream stream, KeyLog keyLog) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            this.keyLog = keyLog;
            write("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"created_ms\":"
                    + System.currentTimeMillis() + "}");
            failIfFailed();
        }

        @Override
        public synchronized void accept(LogEntry e) {
            write(LogEntryCodec.encode(e));
            if (keyLog != null && e.event() instanceof SessionEvent.KeyLogLine) {
                drainKeyLog();
            }
        }

        synchronized void keyLogLine(String line) {
            StringBuilder b = new StringBuilder("{\"keylog\":\"");
            for (char c : line.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            write(b.append("\"}").toString());
        }

        private void drainKeyLog() {
            List<String> lines = keyLog.lines();
            for (; keyLinesWritten < lines.size(); keyLinesWritten++) {
                keyLogLine(lines.get(keyLinesWritten));
            }
        }

        private void write(String line) {
            if (failure != null) {
                return;
            }
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException ex) {
                failure = ex;
            }
        }

        /** Pushes what is buffered to the file (e.g. at a pause). */
        public synchronized void flush() throws IOException {
            failIfFailed();
            out.flush();
        }

        synchronized void failIfFailed() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (keyLog != null) {
                drainKeyLog();
            }
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            failIfFailed();
        }
    }

    /**
     * Reads a session file. A line that cannot be read is reported in {@code problems} (with
     * its number) and skipped; everything else is kept. A file that is not a NetStep session
     * file, or of a newer version, is refused with {@link NotASessionFileException}.
     */
    public static Loaded load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    public static Loaded load(InputStream in, String name) throws IOException {
        // malformed UTF-8 becomes U+FFFD: a damaged line is reported, the rest still loads
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        LineReader lines = new LineReader(r, MAX_LINE);
        String first = lines.next();
        if (first == null) {
            throw new NotASessionFileException(name + " is empty: not a NetStep session file");
        }
        int version = header(first, name);
        List<LogEntry> entries = new ArrayList<>();
        KeyLog keyLog = new KeyLog();
        List<String> problems = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            int n = lines.number();
            if (lines.truncated()) {
                problems.add("line " + n + ": longer than " + MAX_LINE + " characters, skipped");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> o = FlatJson.parse(line);
                if (o.containsKey("keylog")) {
                    if (!(o.get("keylog") instanceof String k)) {
                        throw new IllegalArgumentException("key log record without a line");
                    }
                    keyLog.add(k);
                } else if (o.containsKey("seq")) {
                    entries.add(LogEntryCodec.decode(o));
                } else {
                    throw new IllegalArgumentException("neither an event nor a key log record");
                }
            } catch (IllegalArgumentException e) {
                // never echo the line: it may be a key log line
                problems.add("line " + n + ": " + e.getMessage() + ", skipped");
            }
        }
        return new Loaded(version, List.copyOf(entries), keyLog, List.copyOf(problems));
    }

    private static int header(String first, String name) throws NotASessionFileException {
        Map<String, Object> h;
        try {
            h = FlatJson.parse(first.startsWith("\uFEFF") ? first.substring(1) : first);
        } catch (IllegalArgumentException e) {
            throw new NotASessionFileException(name + " is not a NetStep session file: its first line is not a "
                    + FORMAT + " header (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(h.get("format"))) {
            throw new NotASessionFileException(name + " is not a NetStep session file: the first line does not say "
                    + "\"format\":\"" + FORMAT + "\"" + (h.containsKey("seq") ? " (an event log from --record? it has "
                    + "no header and no key log; record with --save-session)" : ""));
        }
        if (!(h.get("version") instanceof Long v) || v < 1) {
            throw new NotASessionFileException(name + ": session file header without a valid version");
        }
        if (v > VERSION) {
            throw new NotASessionFileException(name + " is a session file of version " + v
                    + "; this NetStep reads version " + VERSION + " and older");
        }
        return v.intValue();
    }

    /** Lines of at most {@code max} characters; a longer line is skipped to its end and flagged. */
    static final class LineReader {
        private final Reader in;
        private final int max;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;
        private int number;
        private boolean truncated;

        LineReader(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        String next() throws IOException {
            StringBuilder b = new StringBuilder();
            truncated = false;
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (!any) {
                            return null;
                        }
                        number++;
                        return b.toString();
                    }
                }
                any = true;
                char c = buf[pos++];
                if (c == '\n') {
                    number++;
                    return b.toString();
                }
                if (b.length() < max) {
                    b.append(c);
                } else {
                    truncated = true;
                }
            }
        }

        int number() {
            return number;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
