package io.netstep.debug.model;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.session.LogEntry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.debug.core.DebugEvent;

/**
 * Holds the session while the live diagnosis looks, so that a diagnosis breakpoint stops the
 * firmware where the failure showed rather than wherever it got to meanwhile. Only while a
 * diagnosis breakpoint (or a step to the next diagnosis) is set; one look at a time (triggers
 * meanwhile are coalesced into it). The hold is a session pause the debugger does not
 * announce: without a finding to stop at the session runs on, with the step in progress.
 */
final class DiagnosisProbe implements AutoCloseable {

    private static final int IDLE = 0, ASKED = 1, HELD = 2;

    private final NetStepDebugTarget target;
    private final SessionFollower follower;
    private final LiveDiagnosis diagnosis;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long triggerSeq;

    DiagnosisProbe(NetStepDebugTarget target, SessionFollower follower, LiveDiagnosis diagnosis) {
        this.target = target;
        this.follower = follower;
        this.diagnosis = diagnosis;
    }

    /** Entry {@code seq} may have concluded a failure: hold the session and look (runs on the appending thread). */
    void trigger(long seq) {
        if (target.isTerminated() || target.isSuspended() || !target.fedStops().wantsDiagnoses() || target.fedStops().hasPending()
                || !state.compareAndSet(IDLE, ASKED)) {
            return;
        }
        triggerSeq = seq;
        follower.requestPause();
    }

    /** From the target's suspend notice: whether this pause is the probe's (the look starts, nothing is announced). */
    boolean paused() {
        if (!state.compareAndSet(ASKED, HELD)) {
            return false;
        }
        diagnosis.check(this::decide);
        return true;
    }

    /** Another stop came first: that one is reported, no look. */
    void cancel() {
        state.compareAndSet(ASKED, IDLE);
    }

    /** On the diagnosis worker, the session held: stop at a finding a breakpoint wants, else go on. */
    private void decide(List<ProtocolEvent> findings) {
        if (state.get() != HELD || target.isTerminated()) {
            state.set(IDLE);
            return;
        }
        FedStops stops = target.fedStops();
        FedStops.Stop stop = stops.take(); // a fed stop that came in while held
        for (int i = 0; stop == null && i < findings.size(); i++) {
            if (stops.offer(findings.get(i)) != null) {
                stop = stops.take();
            }
        }
        state.set(IDLE);
        if (stop != null) {
            target.stopAt(stop);
            return;
        }
        // the session checked neither the step nor breakpoints between the pause request and the pause
        LogEntry stepEnd = target.missedStep(triggerSeq);
        if (stepEnd != null) {
            target.stopAtEntry(DebugEvent.STEP_END, stepEnd, null);
            return;
        }
        InstalledBreakpoints.Missed missed = target.missedBreakpoint(triggerSeq);
        if (missed != null) {
            target.stopAtEntry(DebugEvent.BREAKPOINT, missed.entry(), missed.breakpoint());
            return;
        }
        if (target.takeUserPause()) {
            target.stopAtEntry(DebugEvent.CLIENT_REQUEST, null, null); // the user's suspend came while held
            return;
        }
        target.continueAfterProbe();
    }

    @Override
    public void close() {
        diagnosis.close();
    }
}
