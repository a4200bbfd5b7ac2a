package io.netstep.session.analysis;

import io.netstep.session.EventLog;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;
import io.netstep.session.capture.Capture;
import io.netstep.session.capture.CaptureReader;
import io.netstep.session.capture.Progress;
import io.netstep.session.capture.ProgressInputStream;
import io.netstep.session.capture.SessionFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The layers of a session, decoded: every log entry as a {@link ProtocolEvent}, the TCP
 * {@link Connection}s of the chip's sockets, and on them the TLS records, handshake messages,
 * alerts, application data and MQTT packets, linked down to the chip reads and SPI frames
 * that moved their bytes. One ordered timeline across layers ({@link #events()}).
 * <p>
 * Built incrementally from a live {@link EventLog} ({@link #live}) or at once from log entries
 * (a loaded session file), a pcap/pcapng {@link Capture}, or a file ({@link #open}).
 * <p>
 * Time correlation: the s2c direction is decoded in the order the firmware READ the bytes off
 * the chip (SPI reads of the socket's RX buffer), so a TLS record or MQTT packet appears in the
 * timeline when the firmware had it; {@link ProtocolEvent#arrivedNanos()} keeps when it
 * arrived at the chip. Bytes that arrived but were never read are decoded when the analysis
 * ends ({@link #finish()}) or the connection closes, and marked {@code read_by_firmware=false}.
 * The stream position of an RX-buffer read is found from its 16-bit buffer pointer relative to
 * the first read of the connection, and checked against the arrived bytes.
 * <p>
 * Thread-safe: the live listener runs on the session's appending thread; readers get copies.
 */
public final class Analysis implements AutoCloseable {

    private final Engine engine;
    private final String sourceName;
    private final List<Consumer<ProtocolEvent>> listeners = new CopyOnWriteArrayList<>();
    private EventLog attached;
    private Consumer<LogEntry> liveListener;

    private Analysis(String sourceName, boolean live) {
        this.sourceName = sourceName;
        this.engine = new Engine(live, this::publish);
    }

    /**
     * Follows a running session: takes every entry so far, then each new one as it is
     * appended. Key log lines are taken from {@code keyLog} when the log says one arrived.
     * Call {@link #close()} to stop following.
     */
    public static Analysis live(EventLog log, KeyLog keyLog) {
        Analysis a = new Analysis("live session", true);
        a.engine.sessionKeyLog(keyLog);
        a.attached = log;
        a.liveListener = a::accept;
        log.addListenerWithHistory(a.liveListener);
        return a;
    }

    /** Decodes recorded entries with the given key log lines (may be empty); complete on return. */
    public static Analysis of(List<LogEntry> entries, List<String> keyLogLines) {
        Analysis a = new Analysis("event log", false);
        a.engine.keyLogLines(keyLogLines);
        for (LogEntry e : entries) {
            a.accept(e);
        }
        a.finish();
        return a;
    }

    /** Decodes a loaded session file (its key log included), plus extra key log lines. */
    public static Analysis of(SessionFile.Loaded loaded, List<String> extraKeyLogLines) {
        return of(loaded, extraKeyLogLines, DecodeProgress.steps(Progress.NONE, ""));
    }

    /**
     * {@link #of(SessionFile.Loaded, List)} reporting entries decoded (i of n) to {@code progress}.
     *
     * @throws Progress.Cancelled when {@code progress} was cancelled (checked every few thousand entries)
     */
    public static Analysis of(SessionFile.Loaded loaded, List<String> extraKeyLogLines, Progress progress) {
        return of(loaded, extraKeyLogLines, DecodeProgress.steps(progress, "Decoding"));
    }

    private static Analysis of(SessionFile.Loaded loaded, List<String> extraKeyLogLines, DecodeProgress progress) {
        List<String> keys = new ArrayList<>(loaded.keyLog().lines());
        keys.addAll(extraKeyLogLines);
        Analysis a = new Analysis("session file", false);
        a.engine.keyLogLines(keys);
        for (String p : loaded.problems()) {
            a.engine.problem(p);
        }
        List<LogEntry> entries = loaded.entries();
        int n = entries.size();
        for (int k = 0; k < n; k++) {
            progress.at(k, n);
            a.accept(entries.get(k));
        }
        a.finish();
        progress.end(n);
        return a;
    }

    /** Decodes a capture: its Decryption Secrets Block key log plus the extra lines. */
    public static Analysis of(Capture capture, List<String> extraKeyLogLines) {
        return of(capture, extraKeyLogLines, DecodeProgress.steps(Progress.NONE, ""));
    }

    /**
     * {@link #of(Capture, List)} reporting segments decoded (i of n) to {@code progress}.
     *
     * @throws Progress.Cancelled when {@code progress} was cancelled (checked every few thousand segments)
     */
    public static Analysis of(Capture capture, List<String> extraKeyLogLines, Progress progress) {
        return of(capture, extraKeyLogLines, DecodeProgress.steps(progress, "Decoding"));
    }

    private static Analysis of(Capture capture, List<String> extraKeyLogLines, DecodeProgress progress) {
        List<String> keys = new ArrayList<>(capture.keyLog());
        keys.addAll(extraKeyLogLines);
        Analysis a = new Analysis(capture.format(), false);
        a.engine.keyLogLines(keys);
        for (String p : capture.problems()) {
            a.engine.problem(p);
        }
        CaptureFeeder.feed(capture, a.engine, progress);
        a.finish();
        progress.progress().checkCancelled();
        return a;
    }

    /**
     * Decodes a serial debug log (mbedTLS levels 1–4, wolfSSL): the secrets it dumped itself plus
     * the extra lines decrypt. Events are in line order; their time is the line number.
     */
    public static Analysis of(io.netstep.serial.SerialLog serialLog, List<String> extraKeyLogLines) {
        Analysis a = new Analysis("serial log", false);
        io.netstep.tls.KeyLog keys = serialLog.keyLog();
        for (String l : extraKeyLogLines) {
            keys.addLine(l);
        }
        SerialFeeder.feed(serialLog, keys, a.engine);
        a.finish();
        return a;
    }

    /**
     * Opens a NetStep session file, a pcap or a pcapng file, recognised by content, or else a
     * serial debug log (text), with an optional NSS key log file (null for none).
     *
     * @throws IOException unreadable, or not a format NetStep reads (the message says what it saw)
     */
    public static Analysis open(Path file, Path keyLogFile) throws IOException {
        return open(file, keyLogFile, Progress.NONE);
    }

    /**
     * {@link #open(Path, Path)} reporting to {@code progress} in bytes: reading the file is the
     * first half of the total (twice the file size), decoding what was read the second half.
     * Cancellation is checked every 64 KiB read and every few thousand packets or entries decoded.
     *
     * @throws Progress.Cancelled when {@code progress} was cancelled: nothing half-decoded is returned
     */
    public static Analysis open(Path file, Path keyLogFile, Progress progress) throws IOException {
        List<String> extra = keyLogFile == null ? List.of() : Files.readAllLines(keyLogFile);
        long size = Math.max(1, Files.size(file));
        long total = 2 * size;
        String name = file.getFileName().toString();
        DecodeProgress decoding = new DecodeProgress(progress, size, size, total, "Decoding " + name);
        progress.checkCancelled();
        progress.worked(0, total, "Reading " + name);
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && isCaptureMagic(head)) {
            return of(CaptureReader.read(file, progress, 0, total), extra, decoding);
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("{")) { // a session file, or a --record file SessionFile refuses with a hint
            SessionFile.Loaded loaded;
            try (InputStream in = reading(file, progress, total)) {
                loaded = SessionFile.load(in, file.toString());
            }
            return of(loaded, extra, decoding);
        }
        if (looksLikeText(file)) {
            io.netstep.serial.SerialLog log;
            // UTF-8 with bad bytes replaced: serial logs carry whatever the UART mangled
            try (java.io.Reader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    reading(file, progress, total), java.nio.charset.StandardCharsets.UTF_8))) {
                log = io.netstep.serial.SerialLog.parse(r);
            }
            if (log.events().isEmpty() && log.connections().isEmpty()) {
                throw new IOException(file + ": a text file, but not a session file (no header line) and no line of it"
                        + " is an mbedTLS or wolfSSL debug message");
            }
            Analysis a = of(log, extra);
            decoding.end(1);
            return a;
        }
        throw new IOException(file + ": not a NetStep session file, pcap, pcapng or serial log (starts with "
                + start.replaceAll("[^\\x20-\\x7e]", ".") + ")");
    }

    /** The file's bytes as the first half of {@code total}, checked for cancellation per 64 KiB. */
    private static InputStream reading(Path file, Progress progress, long total) throws IOException {
        return new java.io.BufferedInputStream(new ProgressInputStream(Files.newInputStream(file), progress, 0, total,
                "Reading " + file.getFileName()), 1 << 16);
    }

    /** No NUL bytes and mostly printable in the first 4 KiB. */
    private static boolean looksLikeText(Path file) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(4096);
        }
        int odd = 0;
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
            if ((x & 0xFF) < 0x20 && x != '\n' && x != '\r' && x != '\t') {
                odd++;
            }
        }
        return odd * 20 <= b.length;
    }

    private static boolean isCaptureMagic(byte[] h) {
        int be = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        int le = Integer.reverseBytes(be);
        return be == 0x0A0D0D0A || be == 0xA1B2C3D4 || le == 0xA1B2C3D4 || be == 0xA1B23C4D || le == 0xA1B23C4D;
    }

    /** What the analysis was built from: "live session", "session file", "pcapng", "pcap", "event log", "serial log". */
    public String sourceName() {
        return sourceName;
    }

    /** Feeds one log entry (what {@link #live} does for each appended entry). */
    public void accept(LogEntry entry) {
        engine.logEntry(entry);
    }

    /**
     * Ends the input: decodes bytes that arrived but were never read, reports truncated
     * records and packets. Called by the factories that decode at once; call it for a live
     * analysis after the session ended. Idempotent.
     */
    public void finish() {
        engine.finish();
    }

    /** Stops following the live log (the events so far stay). */
    @Override
    public void close() {
        if (attached != null) {
            attached.removeListener(liveListener);
            attached = null;
        }
    }

    /** Called for each new event, on the thread that appends (keep it quick, do not throw). */
    public void addListener(Consumer<ProtocolEvent> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<ProtocolEvent> l) {
        listeners.remove(l);
    }

    /** All events so far, across layers, in timeline order (ids 1, 2, 3, …). */
    public List<ProtocolEvent> events() {
        return engine.events();
    }

    /** The events of the given layers, in timeline order. */
    public List<ProtocolEvent> events(Layer first, Layer... more) {
        java.util.EnumSet<Layer> want = java.util.EnumSet.of(first, more);
        List<ProtocolEvent> out = new ArrayList<>();
        for (ProtocolEvent e : engine.events()) {
            if (want.contains(e.layer())) {
                out.add(e);
            }
        }
        return out;
    }

    /** All MQTT packets of all connections, in timeline order. */
    public List<ProtocolEvent> mqttPackets() {
        return events(Layer.MQTT);
    }

    /** The event with that id, or null. */
    public ProtocolEvent event(long id) {
        return engine.event(id);
    }

    /** The event wrapping the log entry with that sequence number, or null. */
    public ProtocolEvent forLogSeq(long seq) {
        return engine.forLogSeq(seq);
    }

    /** The events decoded when that log entry was taken (e.g. the TLS record an SPI read completed). */
    public List<ProtocolEvent> decodedAt(long seq) {
        return engine.decodedAt(seq);
    }

    /** The TCP connections in order of opening. */
    public List<Connection> connections() {
        return engine.connections();
    }

    /** Problems of the input itself (unreadable lines, capture gaps, stream mapping doubts). */
    public List<String> problems() {
        return engine.problems();
    }

    private void publish(ProtocolEvent e) {
        for (Consumer<ProtocolEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                listeners.remove(l);
                System.err.println("netstep: analysis listener failed and was removed: " + ex);
            }
        }
    }
}
