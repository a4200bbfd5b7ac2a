package io.netstep.debug.model;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.session.SessionTerminatedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;

/**
 * A NetStep session as a debug target. Threads: the chip (common registers) and the eight
 * sockets. Suspend/resume pause the session (virtual clock frozen); steps are session steps
 * whose "until" is the next event of a protocol layer; NetStep breakpoints become session
 * breakpoints. {@link SessionFollower} follows the log and the analysis; stops on events the
 * session cannot see (TLS, MQTT, diagnoses) are decided by {@link FedStops}, and
 * {@link DiagnosisProbe} holds the session while the live diagnosis looks. The target keeps
 * the run state and reports stops.
 */
public final class NetStepDebugTarget extends NetStepDebugElement implements IDebugTarget {

    private final ILaunch launch;
    private final Session session;
    private final ProtocolLayers layers;
    private final Runnable terminator;
    private final W5500Thread[] threads = new W5500Thread[9];
    private final FedStops fedStops = new FedStops();
    private final InstalledBreakpoints breakpoints;
    private final RegisterSnapshots registers;
    private final FrameEvents frames;
    private final SessionFollower follower;
    /** The session step in progress (to go on with after a diagnosis probe), else null. */
    private volatile Predicate<LogEntry> sessionStep;

    private volatile IProcess process;
    private volatile boolean suspended;
    private volatile boolean terminated;
    /** Set while the target itself resumes the session (its RESUME events are fired already). */
    private volatile boolean selfResume;
    /** The user asked for a pause: the next USER suspend is theirs, not a probe's. */
    private volatile boolean userPause;
    private volatile long suspensions;

    /**
     * @param terminator ends the firmware, bridge, broker and session (called once, by {@link #terminate()})
     */
    public NetStepDebugTarget(ILaunch launch, Session session, ProtocolLayers layers, Runnable terminator) {
        super(null);
        this.launch = launch;
        this.session = session;
        this.layers = layers;
        this.terminator = terminator;
        this.breakpoints = new InstalledBreakpoints(session, layers, fedStops);
        this.registers = new RegisterSnapshots(session);
        this.frames = new FrameEvents(layers);
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new W5500Thread(this, i - 1);
        }
        this.follower = new SessionFollower(this, session, layers, frames, fedStops);
        session.addSessionListener(new Listener());
        fireCreationEvent();
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        manager.addBreakpointListener(this);
        for (IBreakpoint b : manager.getBreakpoints(NetStepDebug.MODEL_ID)) {
            breakpointAdded(b);
        }
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    public Session session() {
        return session;
    }

    public ProtocolLayers layers() {
        return layers;
    }

    public void setProcess(IProcess process) {
        this.process = process;
    }

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public String getName() {
        return "NetStep virtual W5500" + (launch.getLaunchConfiguration() != null
                ? " [" + launch.getLaunchConfiguration().getName() + "]" : "");
    }

    @Override
    public IThread[] getThreads() {
        return terminated ? new IThread[0] : threads.clone();
    }

    @Override
    public boolean hasThreads() {
        return !terminated;
    }

    /** The chip's thread. */
    public W5500Thread chipThread() {
        return threads[0];
    }

    /** Socket {@code n}'s thread, 0..7. */
    public W5500Thread socketThread(int n) {
        return threads[n + 1];
    }

    W5500Thread threadOf(int socket) {
        return socket >= 0 && socket < 8 ? threads[socket + 1] : threads[0];
    }

    FedStops fedStops() {
        return fedStops;
    }

    // ---- run control

    @Override
    public boolean canResume() {
        return suspended && !terminated;
    }

    @Override
    public boolean canSuspend() {
        return !suspended && !terminated;
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() throws DebugException {
        fedStops.clearStep();
        sessionStep = null;
        resumeWith(DebugEvent.CLIENT_REQUEST, session::resume);
    }

    /**
     * Announces the resume before asking the session, so that RESUME always precedes the next
     * SUSPEND in the event queue (the session may stop again before its resume notice returns).
     */
    private void resumeWith(int detail, Runnable go) {
        if (!suspended || terminated) {
            return;
        }
        announceResume(detail);
        frames.field(null);
        resumeQuietly(go);
    }

    private void announceResume(int detail) {
        suspended = false;
        List<DebugEvent> events = new ArrayList<>();
        events.add(new DebugEvent(this, DebugEvent.RESUME, detail));
        for (W5500Thread t : threads) {
            if (t.hadStop()) {
                events.add(new DebugEvent(t, DebugEvent.RESUME, detail));
            }
            t.running();
        }
        fire(events.toArray(DebugEvent[]::new));
    }

    /** Runs the session again without a RESUME notice of its own (announced already, or a probe's). */
    void resumeQuietly(Runnable go) {
        selfResume = true;
        try {
            go.run();
        } finally {
            selfResume = false;
        }
    }

    /** Whether the user asked for a pause (taking the request): a probe's hold then becomes their stop. */
    boolean takeUserPause() {
        boolean asked = userPause;
        userPause = false;
        return asked;
    }

    /** The session step in progress, else null. */
    Predicate<LogEntry> sessionStep() {
        return sessionStep;
    }

    /** Goes on after a diagnosis probe: with the step in progress, if any. */
    void continueAfterProbe() {
        Predicate<LogEntry> step = sessionStep;
        resumeQuietly(step != null ? () -> session.step(step) : session::resume);
    }

    @Override
    public void suspend() throws DebugException {
        userPause = true;
        try {
            session.pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted while pausing the session", e);
        }
    }

    /** Runs until {@code until} matches; {@code detail} is the DebugEvent step kind. */
    void step(Predicate<LogEntry> until, int detail) {
        fedStops.clearStep();
        sessionStep = until;
        resumeWith(detail, () -> session.step(until));
    }

    /**
     * Runs until the next event of a fed {@code layer} (TLS, MQTT, diagnosis) on {@code socket};
     * {@code thenFirstField}: stop at that MQTT packet's first field.
     */
    void stepFed(ProtocolLayer layer, int socket, int detail, boolean thenFirstField) {
        fedStops.step(new FedStops.Step(layer.id(), socket, thenFirstField));
        sessionStep = null;
        resumeWith(detail, session::resume);
    }

    /**
     * A step that needs no run: {@code thread} stops again at the same event, now at MQTT field
     * {@code to} (or back at the packet when null). Fires RESUME and SUSPEND(STEP_END) as a
     * step does; the session stays paused.
     */
    void stepInPlace(W5500Thread thread, ProtocolEvent to, int detail) {
        if (!suspended || terminated) {
            return;
        }
        LogEntry cause = thread.cause();
        announceResume(detail);
        frames.field(to);
        suspensions++;
        for (W5500Thread t : threads) {
            t.stopped(t == thread, t == thread ? cause : null, null);
        }
        suspended = true;
        fire(new DebugEvent(this, DebugEvent.SUSPEND, DebugEvent.STEP_END), new DebugEvent(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END));
    }

    /** The MQTT packet event a thread's frames show now, else null. */
    ProtocolEvent currentPacket(int socket) {
        return frames.currentPacket(socket);
    }

    /** The session's analysis (TLS, MQTT), for views; null when it could not follow the session. */
    public io.netstep.session.analysis.Analysis analysis() {
        return follower.analysis();
    }

    /** How many times the target has suspended (frames and variables belong to one suspension). */
    long suspensions() {
        return suspensions;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() throws DebugException {
        terminator.run();
        markTerminated();
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        throw error("a NetStep session cannot be disconnected; terminate it", null);
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public boolean supportsStorageRetrieval() {
        return false;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        throw error("memory blocks are not supported; use the registers", null);
    }

    // ---- registers

    /** A register byte as of the current suspension (or now, while running). */
    int currentByte(int block, int offset) {
        return registers.currentByte(block, offset, suspended);
    }

    /** Whether bytes of a register differ between the last two suspensions. */
    boolean changedSinceLastSuspend(int block, int offset, int width) {
        return registers.changed(block, offset, width);
    }

    /** A debugger write while suspended; reflected in the snapshot so views show it at once. */
    void poke(int block, int offset, int value) throws DebugException {
        try {
            session.poke(block, offset, value);
        } catch (SessionTerminatedException e) {
            throw error("the session has ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted while writing the register", e);
        }
        registers.written(block, offset);
    }

    // ---- layers

    /** The thread's frames at this stop: one per layer that has an event on its socket, top first. */
    List<ProtocolEvent> stopEvents(int socket, LogEntry cause) {
        return frames.at(socket, cause);
    }

    // ---- breakpoints

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return InstalledBreakpoints.supports(breakpoint);
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        if (!terminated) {
            breakpoints.add(breakpoint);
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.remove(breakpoint);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpointRemoved(breakpoint, delta);
        breakpointAdded(breakpoint);
    }

    /** A session breakpoint the session did not check after {@code seq} (a pause was asked for), else null. */
    InstalledBreakpoints.Missed missedBreakpoint(long seq) {
        return breakpoints.missedAfter(seq);
    }

    /** The entry after {@code seq} where the step in progress would have ended (a pause was asked for), else null. */
    LogEntry missedStep(long seq) {
        Predicate<LogEntry> step = sessionStep;
        return step == null ? null : InstalledBreakpoints.firstAfter(session, seq, step);
    }

    // ---- stops

    /**
     * Reports a stop: snapshots the registers, tells each thread, fires SUSPEND for the target
     * and the thread at {@code socket}. {@code fed}: the fed event stopped at, else null.
     */
    void stopAt(int detail, LogEntry cause, int socket, NetStepBreakpoint hit, ProtocolEvent fed, ProtocolEvent atField) {
        registers.take();
        frames.stop(fed, atField);
        sessionStep = null; // the session ends its step at any suspension
        W5500Thread at = threadOf(socket);
        for (W5500Thread t : threads) {
            t.stopped(t == at, t == at ? cause : null, t == at && detail == DebugEvent.BREAKPOINT ? hit : null);
        }
        suspensions++;
        suspended = true;
        fire(new DebugEvent(this, DebugEvent.SUSPEND, detail), new DebugEvent(at, DebugEvent.SUSPEND, detail));
    }

    /** Reports a fed stop (the session is paused already). */
    void stopAt(FedStops.Stop fed) {
        ProtocolEvent e = fed.event();
        ProtocolEvent first = null;
        if (fed.thenFirstField()) {
            List<ProtocolEvent> fields = MqttFields.of(e);
            first = fields.isEmpty() ? null : fields.get(0);
        }
        stopAt(fed.detail(), e.entry(), e.socket(), fed.breakpoint(), e, first);
    }

    /**
     * Reports a stop the session did not see (a probe held it): a step's end or a breakpoint at
     * {@code entry}, or the user's pause ({@code entry} null). The session is paused already.
     */
    void stopAtEntry(int detail, LogEntry entry, NetStepBreakpoint hit) {
        stopAt(detail, entry, socketOf(entry), hit, null, null);
    }

    private int socketOf(LogEntry cause) {
        if (cause != null) {
            List<ProtocolEvent> events = layers.decode(cause);
            if (!events.isEmpty()) {
                return events.get(0).socket();
            }
        }
        return -1;
    }

    // ---- events

    private void markTerminated() {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        follower.close();
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.getBreakpointManager().removeBreakpointListener(this);
            plugin.fireDebugEventSet(new DebugEvent[] {new DebugEvent(this, DebugEvent.TERMINATE)});
        }
    }

    private void fire(DebugEvent... events) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(events);
        }
    }

    /** Session notifications (on the session thread: quick, never blocking on the session). */
    private final class Listener implements SessionListener {

        @Override
        public void suspended(SuspendReason reason, LogEntry cause) {
            FedStops.Stop fed = fedStops.take();
            boolean users = userPause;
            userPause = false;
            if (reason == SuspendReason.USER && fed == null && !users && follower.probe().paused()) {
                return; // held for the live diagnosis: it reports a stop or resumes
            }
            follower.probe().cancel();
            fedStops.clearStep(); // any stop ends a step at a fed layer
            if (fed != null && reason == SuspendReason.USER) {
                stopAt(fed);
                return;
            }
            int detail = switch (reason) {
                case USER -> DebugEvent.CLIENT_REQUEST;
                case STEP -> DebugEvent.STEP_END;
                case BREAKPOINT -> DebugEvent.BREAKPOINT;
            };
            stopAt(detail, cause, socketOf(cause), breakpoints.lastHit(), null, null);
        }

        @Override
        public void resumed(ResumeReason reason) {
            if (selfResume) {
                return; // announced by resumeWith already, or a probe going on
            }
            // resumed by someone else through the session (a view, a script)
            int detail = reason == ResumeReason.STEP ? DebugEvent.STEP_OVER : DebugEvent.CLIENT_REQUEST;
            announceResume(detail);
        }

        @Override
        public void terminated() {
            markTerminated();
        }
    }
}
