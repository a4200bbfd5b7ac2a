package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;

import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/**
 * A breakpoint that matches protocol events (no state of its own). The shared skeleton: an
 * event of {@link #layer()}, of {@link #eventType()} (or any), on {@link #socketFilter()} (or
 * any), that passes {@link #attributeMatcher()}. Subclasses only say those four things.
 */
public abstract class ProtocolEventBreakpoint extends NetStepBreakpoint {

    /** The layer id whose events this breakpoint looks at. */
    protected abstract String layer();

    /** The event type to stop at (case-insensitive), or null / "" for any. */
    protected String eventType() throws CoreException {
        return null;
    }

    /** The socket to stop on, or {@link #ANY_SOCKET}. */
    protected int socketFilter() {
        return ANY_SOCKET;
    }

    /**
     * The rest of the test, on events that passed layer, type and socket. Read marker
     * attributes here, not inside the predicate (it runs on the session thread).
     */
    protected abstract Predicate<ProtocolEvent> attributeMatcher() throws CoreException;

    /** The whole test: layer, type, socket, attributes. */
    public final Predicate<ProtocolEvent> eventPredicate() throws CoreException {
        String layer = layer();
        String type = eventType();
        int socket = socketFilter();
        Predicate<ProtocolEvent> rest = attributeMatcher();
        return e -> layer.equals(e.layer()) && matchesOptional(type, e.type()) && socketMatches(socket, e.socket())
                && rest.test(e);
    }

    @Override
    public final Predicate<LogEntry> matcher(Session session, ProtocolLayers layers) throws CoreException {
        Predicate<ProtocolEvent> p = eventPredicate();
        return entry -> layers.decode(entry).stream().anyMatch(p);
    }

    /** null or empty = anything. */
    static boolean matchesOptional(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || wanted.equalsIgnoreCase(actual);
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
