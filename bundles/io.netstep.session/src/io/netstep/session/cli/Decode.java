package io.netstep.session.cli;

import io.netstep.session.LogEntry;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Connection;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.diagnosis.Diagnoser;
import io.netstep.session.diagnosis.Diagnosis;
import io.netstep.session.diagnosis.DiagnosisReport;
import io.netstep.session.diagnosis.FirmwareSide;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code netstep decode <session|pcapng|pcap|log> [--keylog FILE] [--format text|jsonl] [--spi]}:
 * the decoded timeline across layers (chip, network, TLS, MQTT), then the diagnosis.
 */
final class Decode {

    static final String USAGE = String.join("\n",
            "usage: netstep decode <session-file|pcapng|pcap|serial-log> [--keylog FILE] [--format text|jsonl] [--spi]",
            "                     [--project DIR]",
            "",
            "Prints the timeline of a recorded session, a capture or an mbedTLS/wolfSSL debug log across",
            "layers (chip, network, TLS, MQTT) and the diagnosis. --keylog adds NSS key log lines for",
            "decryption; --format jsonl prints one JSON object a line; --spi includes every SPI frame;",
            "--project DIR checks the firmware's certificate and key arrays there for the diagnosis (F6).");

    private Decode() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path file = null;
        Path keylog = null;
        String format = "text";
        boolean spi = false;
        Path project = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--keylog" -> keylog = Path.of(value(args, ++i, a));
                case "--format" -> {
                    format = value(args, ++i, a);
                    if (!format.equals("text") && !format.equals("jsonl")) {
                        throw new RunOptions.UsageException("--format must be text or jsonl, not '" + format + "'");
                    }
                }
                case "--spi" -> spi = true;
                case "--project" -> project = RunOptions.projectDir(value(args, ++i, a));
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") || file != null) {
                        throw new RunOptions.UsageException("unexpected argument '" + a + "'\n" + USAGE);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new RunOptions.UsageException("decode needs a file\n" + USAGE);
        }
        if (!Files.isReadable(file)) {
            err.println("netstep: cannot read " + file);
            return 66;
        }
        if (keylog != null && !Files.isReadable(keylog)) {
            err.println("netstep: cannot read key log " + keylog);
            return 66;
        }
        Analysis analysis;
        try {
            analysis = Analysis.open(file, keylog);
        } catch (IOException e) {
            err.println("netstep: " + e.getMessage());
            return 65;
        }
        List<Diagnosis> diagnoses = diagnose(analysis, project);
        if (format.equals("jsonl")) {
            for (ProtocolEvent e : analysis.events()) {
                if (spi || e.layer() != Layer.SPI) {
                    out.println(json(e));
                }
            }
            for (Diagnosis d : diagnoses) {
                out.println(DiagnosisReport.json(d));
            }
        } else {
            printText(analysis, spi, out);
            out.println("---- diagnosis ----");
            if (analysis.sourceName().startsWith("pcap") || analysis.sourceName().equals("serial log")) {
                out.println("diagnosis: works on NetStep session files (the chip's view); a " + analysis.sourceName()
                        + " has none");
            } else {
                DiagnosisReport.printText(diagnoses, out);
            }
        }
        List<String> problems = analysis.problems();
        for (String p : problems.subList(0, Math.min(problems.size(), 20))) {
            err.println("netstep: " + p);
        }
        if (problems.size() > 20) {
            err.println("netstep: … and " + (problems.size() - 20) + " more problems with the input");
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new RunOptions.UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** The diagnosis of H15's rules over the log entries (none for a capture, which has no chip view). */
    static List<Diagnosis> diagnose(Analysis analysis) {
        return diagnose(analysis, null);
    }

    /** With {@code project} (may be null), F6 checks the firmware's certificate arrays there. */
    static List<Diagnosis> diagnose(Analysis analysis, Path project) {
        List<LogEntry> entries = new ArrayList<>();
        for (ProtocolEvent e : analysis.events()) {
            if (e.logEntry() != null) {
                entries.add(e.logEntry());
            }
        }
        return entries.isEmpty() ? List.of()
                : new Diagnoser(FirmwareSide.of(project, List.of())).diagnose(entries, null);
    }

    static void printText(Analysis analysis, boolean spi, PrintStream out) {
        out.println("---- source: " + analysis.sourceName() + " ----");
        out.println("---- connections ----");
        for (Connection c : analysis.connections()) {
            out.println(connectionLine(c));
        }
        out.println("---- timeline ----");
        List<ProtocolEvent> events = analysis.events();
        long t0 = events.isEmpty() || !analysis.sourceName().startsWith("pcap") ? 0 : events.get(0).virtualNanos();
        boolean serial = analysis.sourceName().equals("serial log");
        for (ProtocolEvent e : events) {
            // the network's Bytes repeat the chip's Data events
            if ((spi || e.layer() != Layer.SPI) && !e.type().equals("Bytes")) {
                out.println(serial ? lineOfLog(e) : line(e, t0));
            }
        }
    }

    static String connectionLine(Connection c) {
        StringBuilder b = new StringBuilder();
        b.append("conn ").append(c.id()).append(c.socket() >= 0 ? " S" + c.socket() : "").append("  ")
                .append(c.localEndpoint()).append(" -> ").append(c.remoteEndpoint())
                .append(c.peerName() == null ? "" : " (" + c.peerName() + ")")
                .append("  sent ").append(c.bytesC2s()).append(" B, received ").append(c.bytesS2cArrived())
                .append(" B (read ").append(c.bytesS2cRead()).append(" B)  ").append(c.closeKind());
        if (c.isTls()) {
            b.append("  TLS ").append(c.tlsVersion() == null ? "?" : c.tlsVersion())
                    .append(c.cipherSuite() == null ? "" : " " + c.cipherSuite())
                    .append(c.sni() == null ? " no SNI" : " SNI " + c.sni())
                    .append("  client ").append(c.tlsClientState()).append(", server ").append(c.tlsServerState());
        }
        b.append("  ").append(c.mqttPackets().size()).append(" MQTT packets");
        return b.toString();
    }

    /** One timeline line: time, id, layer, direction, summary. */
    static String line(ProtocolEvent e, long t0) {
        return String.format(Locale.ROOT, "%12.3f ms  #%-6d %-13s %-3s %s%s", (e.virtualNanos() - t0) / 1e6, e.id(),
                e.layer().name().toLowerCase(Locale.ROOT), e.dir().shortName(), e.summary(),
                Boolean.FALSE.equals(e.attributes().get("read_by_firmware")) ? "  (never read by the firmware)" : "");
    }

    /** A serial log has no clock: its events go by line number. */
    static String lineOfLog(ProtocolEvent e) {
        String text = e.layer() == Layer.LOG ? e.summary().replaceFirst("^line \\d+: ", "") : e.summary();
        return String.format(Locale.ROOT, "line %6d  #%-6d %-13s %-3s %s", e.virtualNanos(), e.id(),
                e.layer().name().toLowerCase(Locale.ROOT), e.dir().shortName(), text);
    }

    /** One JSON object: layer, dir, type, the attributes, times, connection, links. */
    static String json(ProtocolEvent e) {
        StringBuilder b = new StringBuilder("{");
        field(b, "layer", e.layer().jsonName());
        if (!e.dir().shortName().isEmpty()) {
            field(b, "dir", e.dir().shortName());
        }
        field(b, "type", e.type());
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            field(b, a.getKey(), a.getValue());
        }
        field(b, "id", e.id());
        if (e.logSeq() >= 0) {
            field(b, "seq", e.logSeq());
        }
        field(b, "t_ns", e.virtualNanos());
        field(b, "wall_ms", e.wallMillis());
        if (e.connection() != null) {
            field(b, "conn", e.connection().id());
        }
        List<Long> down = new ArrayList<>();
        for (ProtocolEvent c : e.carriedBy()) {
            down.add(c.id());
        }
        if (!down.isEmpty()) {
            field(b, "carried_by", down);
        }
        if (e.layer() != Layer.SPI && e.layer() != Layer.SOCKET) {
            field(b, "summary", e.summary());
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String key, Object value) {
        if (b.length() > 1) {
            b.append(',');
        }
        str(b, key);
        b.append(':');
        value(b, value);
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, l.get(i));
            }
            b.append(']');
        } else {
            str(b, v.toString());
        }
    }

    private static void str(StringBuilder b, String s) {
        io.netstep.session.JsonlRecorder.quote(b, s);
    }
}
