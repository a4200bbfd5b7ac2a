package io.netstep.debug.model;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.ProtocolEventBreakpoint;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.Breakpoint;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;

/**
 * The workspace's NetStep breakpoints installed in one session: as session breakpoints (on log
 * entries, decided on the session thread) and, for protocol-event breakpoints, in
 * {@link FedStops} (on the analysis' events).
 */
final class InstalledBreakpoints {

    /** A breakpoint the session would have hit at {@code entry}. */
    record Missed(LogEntry entry, NetStepBreakpoint breakpoint) { }

    private final Session session;
    private final ProtocolLayers layers;
    private final FedStops fedStops;
    private final Map<NetStepBreakpoint, Breakpoint> installed = new ConcurrentHashMap<>();
    private volatile NetStepBreakpoint lastHit;

    InstalledBreakpoints(Session session, ProtocolLayers layers, FedStops fedStops) {
        this.session = session;
        this.layers = layers;
        this.fedStops = fedStops;
    }

    static boolean supports(IBreakpoint breakpoint) {
        return breakpoint instanceof NetStepBreakpoint && NetStepDebug.MODEL_ID.equals(breakpoint.getModelIdentifier());
    }

    /** The breakpoint whose session predicate matched last (the one a BREAKPOINT suspend is for). */
    NetStepBreakpoint lastHit() {
        return lastHit;
    }

    void add(IBreakpoint breakpoint) {
        if (!supports(breakpoint)) {
            return;
        }
        NetStepBreakpoint b = (NetStepBreakpoint) breakpoint;
        try {
            if (!b.isEnabled() || !DebugPlugin.getDefault().getBreakpointManager().isEnabled()) {
                return;
            }
            Predicate<LogEntry> matches = b.matcher(session, layers);
            Breakpoint sb = new Breakpoint(b.describe(), e -> {
                if (matches.test(e)) {
                    lastHit = b;
                    return true;
                }
                return false;
            });
            Breakpoint old = installed.put(b, sb);
            if (old != null) {
                session.removeBreakpoint(old);
            }
            session.addBreakpoint(sb);
            if (b instanceof ProtocolEventBreakpoint pb) {
                fedStops.add(pb, pb.eventPredicate());
            }
        } catch (CoreException e) {
            b.log("cannot install " + breakpoint + ": " + e.getMessage(), e);
        }
    }

    void remove(IBreakpoint breakpoint) {
        fedStops.remove(breakpoint);
        Breakpoint sb = installed.remove(breakpoint);
        if (sb != null) {
            session.removeBreakpoint(sb);
        }
    }

    /**
     * The first log entry after {@code seq} that a session breakpoint matches: entries the
     * session did not check because a pause was asked for already. Null when none.
     */
    Missed missedAfter(long seq) {
        NetStepBreakpoint[] hit = new NetStepBreakpoint[1];
        LogEntry e = firstAfter(session, seq, entry -> {
            for (Map.Entry<NetStepBreakpoint, Breakpoint> b : installed.entrySet()) {
                if (test(b.getValue().matches(), entry)) {
                    hit[0] = b.getKey();
                    return true;
                }
            }
            return false;
        });
        return e == null ? null : new Missed(e, hit[0]);
    }

    /** The first entry after {@code seq} (pause notices aside) that {@code p} matches, else null. */
    static LogEntry firstAfter(Session session, long seq, Predicate<LogEntry> p) {
        for (LogEntry e : session.log().after(seq)) {
            if (!(e.event() instanceof SessionEvent.Suspended || e.event() instanceof SessionEvent.Resumed) && test(p, e)) {
                return e;
            }
        }
        return null;
    }

    /** As in the session: a predicate that throws does not match. */
    private static boolean test(Predicate<LogEntry> p, LogEntry e) {
        try {
            return p.test(e);
        } catch (RuntimeException ex) {
            return false;
        }
    }
}
