package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.layers.Field;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.FieldNode;
import io.netstep.session.analysis.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows a session with its live {@link Analysis} and hands the TLS and MQTT events to the
 * target as debug-model {@link ProtocolEvent}s (layers "tls.record", "tls.handshake",
 * "mqtt.packet"). Runs on the appending thread, right after the log entry that completed them.
 */
final class AnalysisFeed implements AutoCloseable {

    private static final int MAX_FIELDS = 200;
    /** The first field of every fed event: who sent it. */
    static final String DIRECTION_FIELD = "direction";

    private final Analysis analysis;

    /**
     * @param completing the log entry being appended (the one that completed the decoded event)
     * @param sink       the TLS and MQTT events, converted
     * @param raw        every analysis event as it is (after {@code sink})
     */
    AnalysisFeed(Session session, Supplier<LogEntry> completing, Consumer<ProtocolEvent> sink,
            Consumer<io.netstep.session.analysis.ProtocolEvent> raw) {
        this.analysis = Analysis.live(session.log(), session.keyLog());
        analysis.addListener(e -> {
            ProtocolEvent p = convert(e, completing.get());
            if (p != null) {
                sink.accept(p);
            }
            raw.accept(e);
        });
    }

    Analysis analysis() {
        return analysis;
    }

    static ProtocolEvent convert(io.netstep.session.analysis.ProtocolEvent e, LogEntry completing) {
        String layer = switch (e.layer()) {
            case TLS_RECORD -> AnalysisLayers.TLS_RECORD;
            case TLS_HANDSHAKE, TLS_ALERT -> AnalysisLayers.TLS_HANDSHAKE;
            case MQTT -> AnalysisLayers.MQTT_PACKET;
            default -> null;
        };
        LogEntry entry = e.logEntry() != null ? e.logEntry() : completing;
        if (layer == null || entry == null) {
            return null;
        }
        int socket = e.connection() != null ? e.connection().socket() : -1;
        Map<String, String> attrs = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attrs.put(k, String.valueOf(v)));
        attrs.put("dir", e.dir().shortName());
        if (e.layer() == Layer.TLS_HANDSHAKE || e.layer() == Layer.TLS_ALERT) {
            boolean fromClient = e.dir() == Dir.C2S;
            attrs.put("side", fromClient ? "client" : "server");
            String state = e.attr(fromClient ? "server_state" : "client_state");
            if (state != null) {
                attrs.put("state", state);
            }
        }
        List<Field> fields = new ArrayList<>();
        fields.add(Field.text(DIRECTION_FIELD, e.dir() == Dir.C2S ? "firmware → peer" : e.dir() == Dir.S2C ? "peer → firmware" : ""));
        flatten(e.fields(), "", fields);
        return new ProtocolEvent(layer, e.type(), socket, entry, e.summary(), Map.copyOf(attrs), List.copyOf(fields), e);
    }

    private static void flatten(FieldNode node, String prefix, List<Field> out) {
        for (FieldNode c : node.children()) {
            if (out.size() >= MAX_FIELDS) {
                return;
            }
            String name = prefix.isEmpty() ? c.name() : prefix + "." + c.name();
            if (c.value() != null) {
                out.add(Field.text(name, c.value()));
            }
            flatten(c, name, out);
        }
    }

    @Override
    public void close() {
        analysis.close();
    }
}
