package io.netstep.debug.layers;

import io.netstep.session.LogEntry;

/**
 * A protocol layer of the debugger's stack. When the debugger stops, every layer that has an
 * event for a thread's socket gives that thread a stack frame, highest {@link #level()} on
 * top; step over runs to the layer's next event on the socket; protocol breakpoints match the
 * events {@link #decode} returns.
 *
 * <p>{@link #decode} must be a quick, pure function of the entry (it runs on the session
 * thread, for every entry, possibly more than once). Layers whose events need state (TLS
 * records, MQTT packets) come from the session's analysis, which the target follows live
 * ({@link AnalysisLayer}).
 *
 * <p>New layers are contributed to the {@code io.netstep.debug.protocolLayers} extension
 * point; the debug model needs no change for them.
 */
public interface ProtocolLayer {

    /**
     * Levels of the chip's layers; the analysis layers ({@link AnalysisLayer}) take TLS record
     * 400, TLS handshake 500, MQTT packet 600, MQTT field 700, diagnosis 800.
     */
    int SPI = 100, SOCKET_COMMAND = 200, SOCKET_DATA = 300;

    /** A stable id, e.g. "spi"; the {@link ProtocolEvent#layer()} of its events. */
    String id();

    /** For people: "SPI frame". */
    String label();

    /** Position in the stack: higher is nearer the application. */
    int level();

    /**
     * True for layers that see log entries through {@link #decode} (steps and breakpoints then
     * become session predicates); false for layers whose events the debug target is fed from
     * the session's analysis ({@link AnalysisLayer}).
     */
    default boolean decodesLogEntries() {
        return true;
    }

    /** This layer's view of {@code entry}, or null when the entry is not an event of this layer. */
    ProtocolEvent decode(LogEntry entry);
}
