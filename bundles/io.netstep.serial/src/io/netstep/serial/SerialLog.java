package io.netstep.serial;

import io.netstep.serial.LogEvent.Kind;
import io.netstep.tls.KeyLog;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A serial debug log read into what NetStep consumes: the connections with their byte
 * streams, the log's own events in line order, and the problems found, each with its line.
 * Parsing never throws on content: whatever cannot be read becomes a {@link LogProblem}.
 */
public final class SerialLog {

    private final int lineCount;
    private final List<LogConnection> connections;
    private final List<LogEvent> events;
    private final List<LogProblem> problems;
    private final Set<LogEvent.Source> sources;

    SerialLog(int lineCount, List<LogConnection> connections, List<LogEvent> events, List<LogProblem> problems,
            Set<LogEvent.Source> sources) {
        this.lineCount = lineCount;
        this.connections = Collections.unmodifiableList(new ArrayList<>(connections));
        this.events = Collections.unmodifiableList(new ArrayList<>(events));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
        this.sources = Set.copyOf(sources);
    }

    /** Reads the whole log. Only an I/O error of the reader is thrown. */
    public static SerialLog parse(Reader in) throws IOException {
        SerialLogParser p = new SerialLogParser();
        LineReader lines = new LineReader(in);
        String line;
        while ((line = lines.next()) != null) {
            p.line(line);
        }
        return p.finish();
    }

    public static SerialLog parse(String text) {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    public int lineCount() {
        return lineCount;
    }

    public List<LogConnection> connections() {
        return connections;
    }

    public List<LogEvent> events() {
        return events;
    }

    public List<LogProblem> problems() {
        return problems;
    }

    /**
     * The TLS 1.2 secrets the log itself dumped (mbedTLS prints the client random and the master
     * secret at debug level 3 and up) as a key log, so records captured elsewhere or dumped in this
     * log decrypt. Empty when the log has none. Secrets: never print it.
     */
    public KeyLog keyLog() {
        KeyLog k = new KeyLog();
        for (LogConnection c : connections) {
            String line = c.keyLogLine();
            if (line != null) {
                k.addLine(line);
            }
        }
        return k;
    }

    /** Which libraries the log shows lines of (mbedTLS, wolfSSL, application). */
    public Set<LogEvent.Source> sources() {
        return sources;
    }

    public List<LogEvent> events(Kind kind) {
        List<LogEvent> out = new ArrayList<>();
        for (LogEvent e : events) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first event with this name, or null. */
    public LogEvent first(String name) {
        for (LogEvent e : events) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The last error code the library reported (negative RETURN_CODE or ERROR with a code), or null. */
    public LogEvent lastError() {
        for (int i = events.size() - 1; i >= 0; i--) {
            LogEvent e = events.get(i);
            if ((e.kind() == Kind.RETURN_CODE || e.kind() == Kind.ERROR) && e.code() != null && e.code() < 0
                    && e.source() != LogEvent.Source.APPLICATION) {
                return e;
            }
        }
        return null;
    }
}
