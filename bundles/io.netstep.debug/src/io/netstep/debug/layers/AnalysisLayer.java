package io.netstep.debug.layers;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.session.LogEntry;

import java.util.List;

/**
 * A layer decoded by the session's analysis ({@code io.netstep.session.analysis}): TLS records,
 * TLS handshake messages and alerts, MQTT packets and their fields, and the live diagnosis. Its events are not log entries: the debug
 * target feeds them (see {@code AnalysisFeed}), so {@link #decode} sees nothing and steps and
 * breakpoints at this layer are handled by the target rather than by session predicates.
 */
public final class AnalysisLayer implements ProtocolLayer {

    public static final AnalysisLayer TLS_RECORD = new AnalysisLayer(AnalysisLayers.TLS_RECORD, "TLS record", 400);
    public static final AnalysisLayer TLS_HANDSHAKE = new AnalysisLayer(AnalysisLayers.TLS_HANDSHAKE, "TLS message", 500);
    public static final AnalysisLayer MQTT_PACKET = new AnalysisLayer(AnalysisLayers.MQTT_PACKET, "MQTT packet", 600);
    /** The fields of the MQTT packet a thread stopped at: reached by stepping, without running. */
    public static final AnalysisLayer MQTT_FIELD = new AnalysisLayer(AnalysisLayers.MQTT_FIELD, "MQTT field", 700);
    /** A failure the live diagnosis found; only at a stop it caused. */
    public static final AnalysisLayer DIAGNOSIS = new AnalysisLayer(AnalysisLayers.DIAGNOSIS, "Diagnosis", 800);

    public static final List<ProtocolLayer> ALL = List.of(TLS_RECORD, TLS_HANDSHAKE, MQTT_PACKET, MQTT_FIELD, DIAGNOSIS);

    private final String id;
    private final String label;
    private final int level;

    private AnalysisLayer(String id, String label, int level) {
        this.id = id;
        this.label = label;
        this.level = level;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public boolean decodesLogEntries() {
        return false;
    }

    @Override
    public ProtocolEvent decode(LogEntry entry) {
        return null;
    }
}
