package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.serial.Dump.Target;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a log line by line: takes the prefixes off, collects hex dumps into the byte streams
 * of their connection, and hands every other line to the recognisers of mbedTLS, wolfSSL
 * and application messages. Keeps the per-connection state that links the lines (the type of
 * the last record read, an output payload waiting for its record).
 */
final class SerialLogParser {

    /** An unrecognised line this far into an mbedTLS dump ends it (interleaved prints are tolerated). */
    private static final int MAX_FOREIGN_LINES = 3;
    /** Keeps memory bounded whatever a hostile log announces. */
    private static final int MAX_EVENTS = 200_000;
    private static final int MAX_PROBLEMS = 50_000;

    private final List<LogEvent> events = new ArrayList<>();
    private final List<LogProblem> problems = new ArrayList<>();
    private final List<LogConnection> connections = new ArrayList<>();
    private final Map<String, LogConnection> byContext = new HashMap<>();
    private final Map<LogConnection, ConnState> states = new IdentityHashMap<>();
    private final Set<Source> sources = EnumSet.noneOf(Source.class);
    private final MbedTlsLines mbedtls = new MbedTlsLines(this);
    private final WolfSslLines wolfssl = new WolfSslLines(this);
    private final AppLines app = new AppLines(this);
    private LogConnection current;
    private Dump dump;
    private int lineNo;
    private boolean eventsCapped;

    /** What links the lines of one connection. */
    static final class ConnState {
        int lastInType = -1;
        byte[] pendingHeader;
        Dump pendingOut;
        boolean inWrite;
        boolean clientHelloStep;
        int maxState = -1;
        final Map<Direction, Target> wireSource = new HashMap<>();
        boolean mixedReported;
    }

    void line(String raw) {
        lineNo++;
        CleanLine l = LineCleaner.clean(lineNo, raw);
        try {
            handle(l);
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug must not lose the rest of the log
            problem(l.number(), "internal parser error: " + e, raw);
        }
    }

    private void handle(CleanLine l) {
        String t = l.text();
        if (t.isEmpty()) {
            return;
        }
        if (binaryNoise(t)) {
            problem(l.number(), "not text (binary noise or a wrong baud rate?): line skipped", t);
            return;
        }
        if (dump != null && continueDump(l)) {
            return;
        }
        HexLines.Addressed a = HexLines.addressed(t);
        if (a != null && (l.fromMbedTlsCallback() || t.length() > 8)) {
            problem(l.number(), "hex dump line without its 'dumping' header: " + a.bytes().length
                    + " bytes at offset " + a.offset() + " not used", ""); // no excerpt: dumps may hold secrets
            return;
        }
        if (mbedtls.recognise(l) || wolfssl.recognise(l) || app.recognise(l)) {
            return;
        }
        byte[] bare = HexLines.bare(t);
        if (bare != null && bare.length >= 4) {
            problem(l.number(), "hex bytes without a dump header: " + bare.length + " bytes not used", "");
        }
    }

    /** Returns true when the line belonged to the open dump. */
    private boolean continueDump(CleanLine l) {
        Dump d = dump;
        if (d.addressed) {
            HexLines.Addressed a = HexLines.addressed(l.text());
            if (a != null && (l.context() == null || d.context == null || l.context().equals(d.context))) {
                int next = d.nextOffset();
                if (a.offset() > next) {
                    problem(l.number(), "dump '" + d.label + "' skips from offset " + next + " to " + a.offset()
                            + ": " + (a.offset() - next) + " bytes missing (lines lost?)", "");
                    d.skip(a.offset() - next);
                    addToDump(a.bytes(), l);
                } else if (a.offset() < next) {
                    int dup = next - a.offset();
                    if (dup >= a.bytes().length) {
                        problem(l.number(), "dump '" + d.label + "' repeats offset " + a.offset() + ": line ignored", "");
                        return true;
                    }
                    byte[] rest = new byte[a.bytes().length - dup];
                    System.arraycopy(a.bytes(), dup, rest, 0, rest.length);
                    addToDump(rest, l);
                } else {
                    addToDump(a.bytes(), l);
                }
                return true;
            }
            if (l.fromMbedTlsCallback() || ++d.foreignLines > MAX_FOREIGN_LINES) {
                closeDump(l.number(), true);
                return false;
            }
            // an application print between two dump lines: keep the dump open
            return false;
        }
        byte[] bare = HexLines.bare(l.text());
        if (bare != null) {
            addToDump(bare, l);
            return true;
        }
        closeDump(l.number(), true);
        return false;
    }

    private void addToDump(byte[] b, CleanLine l) {
        int extra = dump.add(b, l.number());
        if (extra > 0) {
            problem(l.number(), "dump '" + dump.label + "' has " + extra + " bytes more than the " + dump.announced
                    + " it announced: extra bytes ignored", "");
        }
        if (dump.complete()) {
            closeDump(l.number(), false);
        }
    }

    void openDump(CleanLine l, String label, Target target, int announced, boolean addressed) {
        if (dump != null) {
            closeDump(l.number(), true);
        }
        LogConnection c = target == Target.NUMBER ? null : connection(l);
        dump = new Dump(l, label, target, announced, addressed, c);
        if (announced == 0) {
            closeDump(l.number(), false);
        }
    }

    private void closeDump(int atLine, boolean early) {
        Dump d = dump;
        dump = null;
        if (d.announced >= 0 && d.size() + d.missing < d.announced) {
            problem(d.startLine, "dump '" + d.label + "' announced " + d.announced + " bytes but the log shows "
                    + d.size() + " (lines " + d.startLine + "-" + d.lastLine + "): cut short", "");
        }
        if (d.target == Target.NUMBER) {
            return;
        }
        new DumpSink(this).accept(d);
    }

    /** The connection a line belongs to: by the context pointer when the log prints one, else the current one. */
    LogConnection connection(CleanLine l) {
        if (l.context() != null) {
            LogConnection c = byContext.get(l.context());
            if (c == null) {
                c = newConnection(l.context(), l.number());
            }
            current = c;
            return c;
        }
        if (current == null) {
            current = newConnection(null, l.number());
        }
        return current;
    }

    /** A ClientHello starts a connection: a second one in the same context is a new connection. */
    LogConnection clientHello(CleanLine l, boolean fromBytes) {
        LogConnection c = connection(l);
        ConnState s = state(c);
        boolean used = !c.wire(Direction.CLIENT_TO_SERVER).isEmpty() || (!fromBytes && s.clientHelloStep);
        if (used) {
            c = newConnection(c.context(), l.number());
            current = c;
            s = state(c);
        }
        if (!fromBytes) {
            s.clientHelloStep = true;
        }
        return c;
    }

    /**
     * The handshake state machine went back to its start after it had moved on: a new
     * connection (a reconnect with a context the log does not name).
     */
    LogConnection state(CleanLine l, int state) {
        LogConnection c = connection(l);
        ConnState s = state(c);
        if (state <= 1 && s.maxState >= 2) {
            c = newConnection(c.context(), l.number());
            current = c;
            s = state(c);
            s.clientHelloStep = false;
        }
        s.maxState = Math.max(s.maxState, state);
        return c;
    }

    private LogConnection newConnection(String context, int line) {
        LogConnection c = new LogConnection(connections.size(), context, line);
        connections.add(c);
        if (context != null) {
            byContext.put(context, c);
        }
        return c;
    }

    ConnState state(LogConnection c) {
        return states.computeIfAbsent(c, k -> new ConnState());
    }

    boolean sourcesSeen(Source s) {
        return sources.contains(s);
    }

    /** Feeds the line that opened a bare dump into it (wolfSSL dumps have no header line). */
    void continueOpenDump(CleanLine l) {
        if (dump != null) {
            continueDump(l);
        }
    }

    LogConnection currentConnection() {
        return current;
    }

    LogEvent event(CleanLine l, Source source, Kind kind, String name, String detail, Long code, Direction dir,
            LogConnection c) {
        sources.add(source);
        LogEvent e = new LogEvent(l.number(), l.timestamp(), source, kind, name, detail, code, dir,
                c == null ? -1 : c.index(), l.text());
        if (events.size() >= MAX_EVENTS) {
            if (!eventsCapped) {
                eventsCapped = true;
                problem(l.number(), "more than " + MAX_EVENTS + " events: the rest are not kept", "");
            }
            return e;
        }
        events.add(e);
        if (c != null) {
            c.add(e);
        }
        return e;
    }

    void problem(int line, String message, String excerpt) {
        if (problems.size() < MAX_PROBLEMS) {
            String x = excerpt.length() > 120 ? excerpt.substring(0, 120) + "..." : excerpt;
            problems.add(new LogProblem(line, message, x));
        }
    }

    SerialLog finish() {
        if (dump != null) {
            closeDump(lineNo, true);
        }
        for (LogConnection c : connections) {
            new DumpSink(this).flushPendingOut(c, lineNo);
            c.sortEvents();
        }
        // a dump's event is made when the dump ends: put it back at its header line
        events.sort(java.util.Comparator.comparingInt(LogEvent::line));
        problems.sort(java.util.Comparator.comparingInt(LogProblem::line));
        return new SerialLog(lineNo, connections, events, problems, sources);
    }

    /** Mostly control characters or replacement characters: not a log line. */
    private static boolean binaryNoise(String t) {
        int bad = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < ' ' && c != '\t') || c == '\uFFFD' || (c >= 0x7F && c < 0xA0)) {
                bad++;
            }
        }
        return bad > 0 && bad * 4 >= t.length();
    }
}
