package io.netstep.ui.diagnosis;

import io.netstep.session.LogEntry;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.diagnosis.Diagnoser;
import io.netstep.session.diagnosis.Diagnosis;
import io.netstep.session.diagnosis.Evidence;
import io.netstep.ui.NetStepInput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The diagnosis of a {@link NetStepInput}, with each evidence item resolved to the timeline
 * events it names. Plain Java: runs in a job.
 * <p>
 * An evidence item names the log entry {@code seq} (its event), and the decoded TLS/MQTT events
 * that entry helped carry or move whose type the evidence's text names as a word (e.g. the
 * stranded record's "CONNACK").
 * Items without an entry (seq 0: a fact over many entries) have no events.
 */
public final class Findings {

    /** One finding and, per evidence item in order, the events it names (maybe none). */
    public record Finding(Diagnosis diagnosis, List<List<ProtocolEvent>> evidenceEvents) {

        /** "F1 — Socket read gated on Sn_RX_RSR". */
        public String heading() {
            return diagnosis.id() + " \u2014 " + diagnosis.title();
        }
    }

    /** The findings and, when the input cannot be diagnosed, why (else null). */
    public record Result(List<Finding> findings, String unavailable) { }

    private static final Set<Layer> DECODED = java.util.EnumSet.of(Layer.TLS_HANDSHAKE, Layer.TLS_ALERT,
            Layer.TLS_APPDATA, Layer.TLS_PROBLEM, Layer.MQTT, Layer.MQTT_PROBLEM);

    private Findings() { }

    public static Result of(NetStepInput input) {
        if (input == null) {
            return new Result(List.of(), "Launch a NetStep session, or open a session file with File > Open NetStep"
                    + " Session or Capture\u2026");
        }
        Analysis analysis = input.analysis();
        List<LogEntry> log = input.session() != null ? input.session().log().snapshot() : entriesOf(analysis);
        if (log.isEmpty()) {
            return new Result(List.of(), "The diagnosis reads the chip's events of a NetStep session (live or a session"
                    + " file); this " + analysis.sourceName() + " has none.");
        }
        List<Finding> out = new ArrayList<>();
        for (Diagnosis d : new Diagnoser().diagnose(log, analysis)) {
            List<List<ProtocolEvent>> ev = new ArrayList<>();
            for (Evidence e : d.evidence()) {
                ev.add(eventsOf(analysis, e));
            }
            out.add(new Finding(d, ev));
        }
        return new Result(out, null);
    }

    /** The log entries behind an analysis (a session file's), in log order. */
    static List<LogEntry> entriesOf(Analysis analysis) {
        List<LogEntry> out = new ArrayList<>();
        for (ProtocolEvent e : analysis.events()) {
            if (e.logEntry() != null) {
                out.add(e.logEntry());
            }
        }
        out.sort(Comparator.comparingLong(LogEntry::seq));
        return out;
    }

    /** The events an evidence item names (see the class comment), in timeline order. */
    public static List<ProtocolEvent> eventsOf(Analysis analysis, Evidence evidence) {
        if (evidence.seq() <= 0) {
            return List.of();
        }
        ProtocolEvent at = analysis.forLogSeq(evidence.seq());
        if (at == null) {
            return List.of();
        }
        Set<ProtocolEvent> out = new LinkedHashSet<>();
        out.add(at);
        if (at.connection() != null) {
            // decoded events (TLS, MQTT) that this entry helped move, named in the text
            for (ProtocolEvent up : at.connection().events()) {
                if (DECODED.contains(up.layer()) && named(evidence.what(), up.type()) && up.allBelow().contains(at)) {
                    out.add(up);
                }
            }
        } else {
            List<ProtocolEvent> pending = new ArrayList<>(at.carries());
            Set<ProtocolEvent> seen = new java.util.HashSet<>(pending);
            while (!pending.isEmpty()) {
                ProtocolEvent up = pending.remove(pending.size() - 1);
                if (named(evidence.what(), up.type())) {
                    out.add(up);
                }
                for (ProtocolEvent next : up.carries()) {
                    if (seen.add(next)) {
                        pending.add(next);
                    }
                }
            }
        }
        List<ProtocolEvent> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingLong(ProtocolEvent::id));
        return sorted;
    }

    private static boolean named(String text, String type) {
        return !type.isEmpty() && Pattern.compile("(?<![A-Za-z_])" + Pattern.quote(type) + "(?![A-Za-z_])").matcher(text).find();
    }
}
