package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;

import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** A breakpoint that matches protocol events by layer, type and attributes (no state of its own). */
public abstract class ProtocolEventBreakpoint extends NetStepBreakpoint {

    /** Whether {@code event} is one to stop at; read marker attributes before, not in here. */
    protected abstract Predicate<ProtocolEvent> eventMatcher() throws CoreException;

    /** The same test on events the target is fed (the analysis layers). */
    public final Predicate<ProtocolEvent> eventPredicate() throws CoreException {
        return eventMatcher();
    }

    @Override
    public final Predicate<LogEntry> matcher(Session session, ProtocolLayers layers) throws CoreException {
        Predicate<ProtocolEvent> p = eventMatcher();
        return entry -> layers.decode(entry).stream().anyMatch(p);
    }

    /** null or empty = anything. */
    static boolean matchesOptional(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || wanted.equalsIgnoreCase(actual);
    }
}
