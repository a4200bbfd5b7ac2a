package io.netstep.session;

/**
 * What the session itself records beside the chip's events: the bridge, the firmware
 * process, pauses, what the network reports, and key log lines (counted only: their content
 * is a secret and never appears in any log, timeline or recording).
 */
public sealed interface SessionEvent {

    /** The bridge server accepts connections at {@code endpoint}. */
    record BridgeListening(String endpoint) implements SessionEvent { }

    /** A shim said HELLO. */
    record BridgeConnected(String program, String transport) implements SessionEvent { }

    /** The shim left (BYE, end of stream, or after an error). */
    record BridgeDisconnected(String program, String reason) implements SessionEvent { }

    /** The bridge refused a message and closed that client. */
    record BridgeError(String message) implements SessionEvent { }

    /** The firmware process is being started (logged before it can attach). */
    record FirmwareStarted(String command) implements SessionEvent { }

    /** The firmware process ended; {@code killed} when the session ended it (timeout, terminate). */
    record FirmwareExited(long pid, int status, boolean killed) implements SessionEvent { }

    record Suspended(SuspendReason reason, String detail) implements SessionEvent { }

    record Resumed(ResumeReason reason) implements SessionEvent { }

    /**
     * Something the virtual network reports: {@code kind} is e.g. "dhcp", "dns", "fault",
     * "connect"; {@code message} is for people.
     */
    record NetworkNote(String kind, String message) implements SessionEvent { }

    /** The firmware handed over a TLS key log line; {@code count} is the number so far. */
    record KeyLogLine(int count) implements SessionEvent { }

    /** The session caught something that should not happen (a bug, not a firmware error). */
    record InternalError(String message) implements SessionEvent { }

    /** Why a session stopped running. */
    enum SuspendReason { USER, STEP, BREAKPOINT }

    /** Why a session runs again. */
    enum ResumeReason { USER, STEP }
}
