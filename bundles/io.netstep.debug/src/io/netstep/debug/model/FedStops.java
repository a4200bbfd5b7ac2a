package io.netstep.debug.model;

import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.ProtocolEventBreakpoint;
import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.eclipse.debug.core.DebugEvent;

/**
 * Decides when an event the target is fed (TLS and MQTT from the analysis, diagnoses from the
 * live diagnosis) ends a step or hits a breakpoint. Those events are not log entries, so the
 * session's own step and breakpoint predicates never see them; the target pauses the session
 * for the stop this class hands out, and takes it back when the session reports the pause.
 */
final class FedStops {

    /** A step to the next event of {@code layer} on {@code socket}; {@code thenFirstField}: stop at the packet's first field. */
    record Step(String layer, int socket, boolean thenFirstField) { }

    /** A stop to report: the event, the breakpoint hit (or null for a step), the DebugEvent detail. */
    record Stop(ProtocolEvent event, NetStepBreakpoint breakpoint, int detail, boolean thenFirstField) { }

    private final Map<ProtocolEventBreakpoint, Predicate<ProtocolEvent>> breakpoints = new ConcurrentHashMap<>();
    private volatile Step step;
    private final AtomicReference<Stop> pending = new AtomicReference<>();

    void add(ProtocolEventBreakpoint b, Predicate<ProtocolEvent> matches) {
        breakpoints.put(b, matches);
    }

    void remove(Object breakpoint) {
        breakpoints.remove(breakpoint);
    }

    void step(Step s) {
        step = s;
    }

    void clearStep() {
        step = null;
    }

    /** Whether a breakpoint or the step in progress waits for diagnoses (then the live diagnosis runs). */
    boolean wantsDiagnoses() {
        Step s = step;
        return s != null && io.netstep.debug.breakpoints.AnalysisLayers.DIAGNOSIS.equals(s.layer())
                || breakpoints.keySet().stream().anyMatch(DiagnosisBreakpoint.class::isInstance);
    }

    /**
     * The stop {@code e} causes, or null. At most one stop is pending: the first event that
     * matches wins until the target takes it.
     */
    Stop offer(ProtocolEvent e) {
        if (pending.get() != null) {
            return null;
        }
        Step s = step;
        Stop stop = null;
        if (s != null && s.layer().equals(e.layer()) && s.socket() == e.socket()) {
            stop = new Stop(e, null, DebugEvent.STEP_END, s.thenFirstField());
        } else {
            for (Map.Entry<ProtocolEventBreakpoint, Predicate<ProtocolEvent>> b : breakpoints.entrySet()) {
                if (test(b.getValue(), e)) {
                    stop = new Stop(e, b.getKey(), DebugEvent.BREAKPOINT, false);
                    break;
                }
            }
        }
        return stop != null && pending.compareAndSet(null, stop) ? stop : null;
    }

    boolean hasPending() {
        return pending.get() != null;
    }

    /** The pending stop, cleared, else null; a stop ends the step in progress. */
    Stop take() {
        Stop s = pending.getAndSet(null);
        if (s != null) {
            step = null;
        }
        return s;
    }

    private static boolean test(Predicate<ProtocolEvent> p, ProtocolEvent e) {
        try {
            return p.test(e);
        } catch (RuntimeException ex) {
            return false; // a breakpoint that trips over an odd event just does not fire
        }
    }
}
