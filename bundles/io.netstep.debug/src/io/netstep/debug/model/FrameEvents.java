package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a thread's stack frames show: the latest event of every layer on its socket (-1 = the
 * chip), as the log and the analysis deliver them, overridden at a stop by the event stopped
 * at and the MQTT field stepped to.
 */
final class FrameEvents {

    private final ProtocolLayers layers;
    private final Map<Integer, Map<String, ProtocolEvent>> latest = new HashMap<>();
    /** The fed event the target stopped at (TLS, MQTT, diagnosis), else null. */
    private volatile ProtocolEvent stoppedAt;
    /** The MQTT field a thread stepped to (no run needed), else null. */
    private volatile ProtocolEvent field;

    FrameEvents(ProtocolLayers layers) {
        this.layers = layers;
    }

    /** Fields and diagnoses belong to one stop only: they are not kept. */
    synchronized void put(ProtocolEvent e) {
        if (AnalysisLayers.MQTT_FIELD.equals(e.layer()) || AnalysisLayers.DIAGNOSIS.equals(e.layer())) {
            return;
        }
        latest.computeIfAbsent(e.socket(), k -> new HashMap<>()).put(e.layer(), e);
    }

    /** At a stop: the fed event stopped at and the field shown, either may be null. */
    void stop(ProtocolEvent fed, ProtocolEvent atField) {
        stoppedAt = fed;
        field = atField;
    }

    void field(ProtocolEvent atField) {
        field = atField;
    }

    /** The MQTT packet event the socket's frames show now, else null. */
    ProtocolEvent currentPacket(int socket) {
        ProtocolEvent f = stoppedAt;
        if (f != null && f.socket() == socket && AnalysisLayers.MQTT_PACKET.equals(f.layer())) {
            return f;
        }
        synchronized (this) {
            return latest.getOrDefault(socket, Map.of()).get(AnalysisLayers.MQTT_PACKET);
        }
    }

    /** One event per layer that has one on {@code socket}, top first; {@code cause}: the log entry stopped at. */
    List<ProtocolEvent> at(int socket, LogEntry cause) {
        Map<String, ProtocolEvent> mine;
        synchronized (this) {
            mine = new HashMap<>(latest.getOrDefault(socket, Map.of()));
        }
        ProtocolEvent fed = stoppedAt;
        if (fed != null && fed.socket() == socket) {
            mine.put(fed.layer(), fed);
        }
        if (cause != null) {
            for (ProtocolEvent e : layers.decode(cause)) {
                if (e.socket() == socket) {
                    mine.put(e.layer(), e);
                }
            }
        }
        ProtocolEvent f = field;
        if (f != null && f.socket() == socket) {
            mine.put(f.layer(), f);
        }
        List<ProtocolEvent> out = new ArrayList<>();
        for (ProtocolLayer l : layers.all()) {
            ProtocolEvent e = mine.get(l.id());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
