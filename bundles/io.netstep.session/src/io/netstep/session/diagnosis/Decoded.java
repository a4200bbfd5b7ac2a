package io.netstep.session.diagnosis;

import io.netstep.session.analysis.ProtocolEvent;

/** Helpers over the analysis layer's decoded events. */
final class Decoded {

    private Decoded() { }

    /**
     * The event log entry that completed a decoded event: its own for a log event, else the
     * latest chip entry below it (the RX-buffer read or the chip's send that finished its bytes).
     */
    static long seq(ProtocolEvent e) {
        if (e.logSeq() > 0) {
            return e.logSeq();
        }
        long max = 0;
        for (ProtocolEvent b : e.allBelow()) {
            max = Math.max(max, b.logSeq());
        }
        return max;
    }
}
