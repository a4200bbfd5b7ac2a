package io.netstep.debug.ui;

import io.netstep.debug.model.LayerStackFrame;
import io.netstep.session.analysis.ProtocolEvent;

/**
 * The analysis event (a row of the Protocol Timeline) behind a debug stack frame: the one the
 * debug model made the frame from, itself (see {@link LayerStackFrame#analysisEvent()}).
 */
public final class FrameEvents {

    private FrameEvents() { }

    /** The analysis event shown by {@code frame}, or null (the target has no analysis, or it has not taken the event yet). */
    public static ProtocolEvent of(LayerStackFrame frame) {
        return frame.analysisEvent();
    }
}
