package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.layers.Field;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Layer;
import io.netstep.session.diagnosis.Diagnoser;
import io.netstep.session.diagnosis.Diagnosis;
import io.netstep.session.diagnosis.Evidence;
import io.netstep.session.diagnosis.FirmwareSide;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The session's {@link Diagnoser} run while the session runs, for the diagnosis breakpoint.
 * The rules read the whole log, so they run only after events that can conclude a failure
 * ({@link #mayConclude}), one run at a time, on a worker thread of their own (never the
 * session thread); each finding is handed out once, as a "diagnosis" layer event at the last
 * event its evidence names.
 */
final class LiveDiagnosis implements AutoCloseable {

    private final Session session;
    private final Supplier<Analysis> analysis;
    private final ProtocolLayers layers;
    /** The firmware's source folder and output, for F6's source side. */
    private final Supplier<FirmwareSide> firmware;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstep-live-diagnosis");
        t.setDaemon(true);
        return t;
    });
    /** Findings handed out already: id, first evidence, confidence. */
    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    LiveDiagnosis(Session session, Supplier<Analysis> analysis, ProtocolLayers layers, Supplier<FirmwareSide> firmware) {
        this.session = session;
        this.analysis = analysis;
        this.layers = layers;
        this.firmware = firmware;
    }

    /** A socket closed or timed out, the bridge went away, the cloud decided something. */
    static boolean mayConclude(LogEntry e) {
        Object ev = e.event();
        if (ev instanceof ChipEvent.Command c) {
            return c.command() == Registers.Sn_CR_DISCON || c.command() == Registers.Sn_CR_CLOSE;
        }
        if (ev instanceof ChipEvent.StateChange s) {
            return s.to() == Registers.SOCK_CLOSED;
        }
        if (ev instanceof ChipEvent.Interrupt i) {
            return (i.raised() & Registers.Sn_IR_TIMEOUT) != 0;
        }
        return ev instanceof SessionEvent.BridgeDisconnected
                || ev instanceof SessionEvent.NetworkNote n && n.kind().equals("cloud");
    }

    /** A TLS alert, a CONNACK or DISCONNECT. */
    static boolean mayConclude(io.netstep.session.analysis.ProtocolEvent e) {
        return e.layer() == Layer.TLS_ALERT
                || e.layer() == Layer.MQTT && ("CONNACK".equals(e.type()) || "DISCONNECT".equals(e.type()));
    }

    /** Runs the rules on the worker and hands the findings not handed out before to {@code sink} (there). */
    void check(Consumer<List<ProtocolEvent>> sink) {
        try {
            worker.execute(() -> sink.accept(newFindings()));
        } catch (RejectedExecutionException e) {
            sink.accept(List.of()); // closed: the session is over
        }
    }

    private List<ProtocolEvent> newFindings() {
        List<LogEntry> log = session.log().snapshot();
        List<Diagnosis> all;
        try {
            all = new Diagnoser(firmware.get()).diagnose(log, analysis.get());
        } catch (RuntimeException e) {
            return List.of(); // the rules guard themselves; this is only a last line
        }
        List<ProtocolEvent> out = new ArrayList<>();
        for (Diagnosis d : all) {
            if ("INTERNAL".equals(d.id()) || !raised.add(key(d))) {
                continue;
            }
            ProtocolEvent e = event(d, log);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String key(Diagnosis d) {
        long first = d.evidence().stream().mapToLong(Evidence::seq).filter(s -> s > 0).min().orElse(0);
        return d.id() + "@" + first + "/" + d.confidence();
    }

    /** The finding as a debug event at the last event its evidence names (the chip's thread when none has a socket). */
    ProtocolEvent event(Diagnosis d, List<LogEntry> log) {
        long last = d.evidence().stream().mapToLong(Evidence::seq).filter(s -> s > 0 && s <= log.size()).max().orElse(0);
        LogEntry at = last > 0 ? log.get((int) last - 1) : log.isEmpty() ? null : log.get(log.size() - 1);
        if (at == null) {
            return null;
        }
        int socket = socketOf(at);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", d.id());
        attrs.put("name", d.name());
        attrs.put("title", d.title());
        attrs.put("confidence", d.confidence().name());
        List<Field> fields = new ArrayList<>();
        fields.add(Field.text("failure", d.id() + " " + d.name()));
        fields.add(Field.text("title", d.title()));
        fields.add(Field.text("confidence", d.confidence().name().toLowerCase(Locale.ROOT) + ": " + d.why()));
        for (int i = 0; i < d.evidence().size(); i++) {
            Evidence ev = d.evidence().get(i);
            fields.add(Field.text("evidence " + (i + 1), (ev.seq() > 0 ? "#" + ev.seq() + " " : "") + ev.time() + " " + ev.what()));
        }
        fields.add(Field.text("explanation", d.explanation()));
        fields.add(Field.text("fix", d.fix()));
        return new ProtocolEvent(AnalysisLayers.DIAGNOSIS, "raised", socket, at,
                d.id() + " " + d.title() + " (" + d.confidence().name().toLowerCase(Locale.ROOT) + ")",
                Map.copyOf(attrs), List.copyOf(fields));
    }

    private int socketOf(LogEntry e) {
        for (ProtocolEvent p : layers.decode(e)) {
            return p.socket();
        }
        Analysis a = analysis.get();
        io.netstep.session.analysis.ProtocolEvent p = a == null ? null : a.forLogSeq(e.seq());
        return p != null && p.connection() != null ? p.connection().socket() : -1;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
