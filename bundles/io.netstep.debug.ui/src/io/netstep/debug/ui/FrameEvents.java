package io.netstep.debug.ui;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.debug.core.model.IDebugTarget;

/**
 * Finds the analysis event (a row of the Protocol Timeline) behind a debug stack frame. The
 * frames of the chip layers wrap a log entry, which the analysis keeps one event for; the TLS
 * and MQTT frames were converted from analysis events decoded when a log entry was taken, so
 * they are found among the events decoded at that entry, by layer, type and summary.
 */
public final class FrameEvents {

    private FrameEvents() { }

    /** The analysis event shown by {@code frame}, or null (the target has no analysis, or the event is not in it). */
    public static ProtocolEvent of(LayerStackFrame frame) {
        IDebugTarget t = frame.getDebugTarget();
        if (!(t instanceof NetStepDebugTarget target) || target.analysis() == null) {
            return null;
        }
        return find(target.analysis(), frame.event());
    }

    static ProtocolEvent find(Analysis analysis, io.netstep.debug.layers.ProtocolEvent e) {
        long seq = e.entry().seq();
        Set<Layer> layers = layersOf(e.layer());
        if (layers == null) {
            ProtocolEvent chip = analysis.forLogSeq(seq);   // SPI frame, socket command/state, socket data
            return chip;
        }
        ProtocolEvent sameType = null;
        for (ProtocolEvent a : analysis.decodedAt(seq)) {
            if (!layers.contains(a.layer()) || !a.type().equals(e.type())) {
                continue;
            }
            if (a.summary().equals(e.summary())) {
                return a;
            }
            if (sameType == null) {
                sameType = a;
            }
        }
        if (sameType != null) {
            return sameType;
        }
        ProtocolEvent own = analysis.forLogSeq(seq);   // an analysis event that wraps its log entry itself
        return own != null && layers.contains(own.layer()) && own.type().equals(e.type()) ? own : null;
    }

    /** The analysis layers a debug-model layer is made from; null for the chip layers. */
    private static Set<Layer> layersOf(String debugLayer) {
        return switch (debugLayer) {
            case AnalysisLayers.TLS_RECORD -> EnumSet.of(Layer.TLS_RECORD);
            case AnalysisLayers.TLS_HANDSHAKE -> EnumSet.of(Layer.TLS_HANDSHAKE, Layer.TLS_ALERT);
            case AnalysisLayers.MQTT_PACKET -> EnumSet.of(Layer.MQTT);
            default -> null;
        };
    }
}
