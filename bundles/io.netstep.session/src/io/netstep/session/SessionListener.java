package io.netstep.session;

import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;

/**
 * Run-state changes of a {@link Session}, for a debugger. Called on the session thread
 * (or the caller's, for terminate); must be quick and must not block on the session.
 */
public interface SessionListener {

    /** The session stopped; {@code cause} is the entry that hit the step or breakpoint, else null. */
    default void suspended(SuspendReason reason, LogEntry cause) { }

    default void resumed(ResumeReason reason) { }

    default void terminated() { }
}
