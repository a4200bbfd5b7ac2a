package io.netstep.session;

import io.netstep.w5500.ChipEvent;

/**
 * One entry of the {@link EventLog}. {@code event} is a {@link ChipEvent}, an
 * {@code io.netstep.net.NetworkEvent} or a {@link SessionEvent}; {@code virtualNanos} is
 * the session clock when it happened (for chip and network events: their own time stamp),
 * {@code wallMillis} the real time.
 */
public record LogEntry(long seq, long virtualNanos, long wallMillis, Object event) {

    public boolean isChipEvent() {
        return event instanceof ChipEvent;
    }

    /** The event's type name, e.g. "SpiFrame", "BridgeConnected". */
    public String kind() {
        return event.getClass().getSimpleName();
    }
}
