package io.netstep.debug.model;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.ProtocolEventBreakpoint;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.Breakpoint;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.session.SessionTerminatedException;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
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
 * breakpoints.
 */
public final class NetStepDebugTarget extends NetStepDebugElement implements IDebugTarget, IBreakpointListener {

    private static final int BLOCKS = 32;
    private static final int BLOCK_BYTES = 0x40;

    private final ILaunch launch;
    private final Session session;
    private final ProtocolLayers layers;
    private final Runnable terminator;
    private final W5500Thread[] threads = new W5500Thread[9];
    private final Map<NetStepBreakpoint, Breakpoint> installed = new ConcurrentHashMap<>();
    /** The same breakpoints, for the events fed from the analysis (TLS, MQTT). */
    private final Map<ProtocolEventBreakpoint, Predicate<ProtocolEvent>> fedBreakpoints = new ConcurrentHashMap<>();
    private final AnalysisFeed analysis;
    private volatile Thread sessionThread;
    private volatile LogEntry appending;
    /** A step at a fed layer: the layer and socket to stop at. */
    private volatile FedStep fedStep;
    /** A stop the target asked for (fed breakpoint or step), reported when the session suspends. */
    private volatile FedStop fedStop;

    private record FedStep(String layer, int socket) { }

    private record FedStop(ProtocolEvent event, NetStepBreakpoint breakpoint, int detail) { }
    /** Latest event of each layer for each socket (-1 = chip), fed in log order. */
    private final Map<Integer, Map<String, ProtocolEvent>> latest = new HashMap<>();

    private volatile IProcess process;
    private volatile boolean suspended;
    private volatile boolean terminated;
    /** Set while the target itself resumes the session (its RESUME events are fired already). */
    private volatile boolean selfResume;
    private volatile NetStepBreakpoint lastHit;
    private volatile int[][] previousRegisters;
    private volatile int[][] currentRegisters;
    private volatile long suspensions;
    /** The fed event the target stopped at (TLS, MQTT), else null. */
    private volatile ProtocolEvent fedCause;

    /**
     * @param terminator ends the firmware, bridge, broker and session (called once, by {@link #terminate()})
     */
    public NetStepDebugTarget(ILaunch launch, Session session, ProtocolLayers layers, Runnable terminator) {
        super(null);
        this.launch = launch;
        this.session = session;
        this.layers = layers;
        this.terminator = terminator;
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new W5500Thread(this, i - 1);
        }
        session.log().addListenerWithHistory(this::feed);
        AnalysisFeed feed = null;
        try {
            feed = new AnalysisFeed(session, () -> appending, this::fed);
        } catch (RuntimeException | LinkageError e) {
            org.eclipse.core.runtime.ILog.of(NetStepDebugTarget.class).error(
                    "the TLS/MQTT analysis cannot follow this session; only chip layers are shown", e);
        }
        this.analysis = feed;
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
        fedStep = null;
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
        selfResume = true;
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
        go.run();
        selfResume = false;
    }

    @Override
    public void suspend() throws DebugException {
        try {
            session.pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted while pausing the session", e);
        }
    }

    /** Runs until {@code until} matches; {@code detail} is the DebugEvent step kind. */
    void step(Predicate<LogEntry> until, int detail) {
        fedStep = null;
        resumeWith(detail, () -> session.step(until));
    }

    /** Runs until the next event of a fed {@code layer} (TLS, MQTT) on {@code socket}. */
    void stepFed(ProtocolLayer layer, int socket, int detail) {
        fedStep = new FedStep(layer.id(), socket);
        resumeWith(detail, session::resume);
    }

    /** The session's analysis (TLS, MQTT), for views; null when it could not follow the session. */
    public io.netstep.session.analysis.Analysis analysis() {
        return analysis == null ? null : analysis.analysis();
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
        int[][] now = currentRegisters;
        return now != null && suspended ? now[block][offset] : session.peek(block, offset);
    }

    /** Whether bytes of a register differ between the last two suspensions. */
    boolean changedSinceLastSuspend(int block, int offset, int width) {
        int[][] before = previousRegisters;
        int[][] now = currentRegisters;
        if (before == null || now == null) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            if (before[block][offset + i] != now[block][offset + i]) {
                return true;
            }
        }
        return false;
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
        int[][] now = currentRegisters;
        if (now != null) {
            now[block][offset] = session.peek(block, offset);
        }
    }

    private int[][] snapshotRegisters() {
        int[][] r = new int[BLOCKS][];
        for (int b = 0; b < BLOCKS; b++) {
            r[b] = new int[BLOCK_BYTES];
            if (b == Registers.BSB_COMMON || (b - 1) % 4 == 0) {
                for (int o = 0; o < BLOCK_BYTES; o++) {
                    r[b][o] = session.peek(b, o);
                }
            }
        }
        return r;
    }

    // ---- layers

    /** Keeps the latest event of every layer per socket (runs on the appending thread, in log order). */
    private void feed(LogEntry entry) {
        appending = entry;
        if (entry.event() instanceof ChipEvent) {
            sessionThread = Thread.currentThread(); // chip events are logged on the session thread
        }
        List<ProtocolEvent> events = layers.decode(entry);
        if (events.isEmpty()) {
            return;
        }
        synchronized (latest) {
            for (ProtocolEvent e : events) {
                latest.computeIfAbsent(e.socket(), k -> new HashMap<>()).put(e.layer(), e);
            }
        }
    }

    /** An event of a fed layer: remember it for the frames, and stop if a step or breakpoint wants it. */
    private void fed(ProtocolEvent e) {
        synchronized (latest) {
            latest.computeIfAbsent(e.socket(), k -> new HashMap<>()).put(e.layer(), e);
        }
        if (suspended || terminated || fedStop != null) {
            return;
        }
        FedStep step = fedStep;
        FedStop stop = null;
        if (step != null && step.layer().equals(e.layer()) && step.socket() == e.socket()) {
            stop = new FedStop(e, null, DebugEvent.STEP_END);
        } else {
            for (Map.Entry<ProtocolEventBreakpoint, Predicate<ProtocolEvent>> b : fedBreakpoints.entrySet()) {
                if (test(b.getValue(), e)) {
                    stop = new FedStop(e, b.getKey(), DebugEvent.BREAKPOINT);
                    break;
                }
            }
        }
        if (stop == null) {
            return;
        }
        fedStop = stop;
        if (Thread.currentThread() == sessionThread) {
            pauseQuietly(); // on the session thread: only asks, stops after the request in progress
        } else {
            CompletableFuture.runAsync(this::pauseQuietly); // never block the appending thread
        }
    }

    private static boolean test(Predicate<ProtocolEvent> p, ProtocolEvent e) {
        try {
            return p.test(e);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private void pauseQuietly() {
        try {
            session.pause();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread's frames at this stop: one per layer that has an event on its socket, top first. */
    List<ProtocolEvent> stopEvents(int socket, LogEntry cause) {
        Map<String, ProtocolEvent> mine;
        synchronized (latest) {
            mine = new HashMap<>(latest.getOrDefault(socket, Map.of()));
        }
        ProtocolEvent fed = fedCause;
        if (fed != null && fed.socket() == socket) {
            mine.put(fed.layer(), fed);
        }
        if (cause != null) {
            for (ProtocolEvent e : layers.decode(cause)) {
                if (e.socket() == socket) {
                    mine.put(e.layer(), e);
                }
            }
        }
        List<ProtocolEvent> out = new ArrayList<>();
        for (ProtocolLayer l : layers.all()) {
            ProtocolEvent e = mine.get(l.id());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- breakpoints

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return breakpoint instanceof NetStepBreakpoint && NetStepDebug.MODEL_ID.equals(breakpoint.getModelIdentifier());
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        if (!supportsBreakpoint(breakpoint) || terminated) {
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
                fedBreakpoints.put(pb, pb.eventPredicate());
            }
        } catch (CoreException e) {
            b.log("cannot install " + breakpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        fedBreakpoints.remove(breakpoint);
        Breakpoint sb = installed.remove(breakpoint);
        if (sb != null) {
            session.removeBreakpoint(sb);
        }
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpointRemoved(breakpoint, delta);
        breakpointAdded(breakpoint);
    }

    // ---- events

    private void markTerminated() {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        if (analysis != null) {
            analysis.close();
        }
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
            previousRegisters = currentRegisters;
            currentRegisters = snapshotRegisters();
            int detail = switch (reason) {
                case USER -> DebugEvent.CLIENT_REQUEST;
                case STEP -> DebugEvent.STEP_END;
                case BREAKPOINT -> DebugEvent.BREAKPOINT;
            };
            int socket = -1;
            FedStop fed = fedStop;
            fedStop = null;
            fedStep = null;
            if (fed != null && reason == SuspendReason.USER) {
                detail = fed.detail();
                cause = fed.event().entry();
                socket = fed.event().socket();
                lastHit = fed.breakpoint();
                fedCause = fed.event();
            } else if (cause != null) {
                fedCause = null;
                List<ProtocolEvent> events = layers.decode(cause);
                if (!events.isEmpty()) {
                    socket = events.get(0).socket();
                }
            } else {
                fedCause = null;
            }
            W5500Thread at = threadOf(socket);
            for (W5500Thread t : threads) {
                t.stopped(t == at, t == at ? cause : null, t == at && detail == DebugEvent.BREAKPOINT ? lastHit : null);
            }
            suspensions++;
            suspended = true;
            fire(new DebugEvent(NetStepDebugTarget.this, DebugEvent.SUSPEND, detail),
                    new DebugEvent(at, DebugEvent.SUSPEND, detail));
        }

        @Override
        public void resumed(ResumeReason reason) {
            if (selfResume) {
                return; // announced by resumeWith already
            }
            // resumed by someone else through the session (a view, a script)
            suspended = false;
            int detail = reason == ResumeReason.STEP ? DebugEvent.STEP_OVER : DebugEvent.CLIENT_REQUEST;
            List<DebugEvent> events = new ArrayList<>();
            events.add(new DebugEvent(NetStepDebugTarget.this, DebugEvent.RESUME, detail));
            for (W5500Thread t : threads) {
                if (t.hadStop()) {
                    events.add(new DebugEvent(t, DebugEvent.RESUME, detail));
                }
                t.running();
            }
            fire(events.toArray(DebugEvent[]::new));
        }

        @Override
        public void terminated() {
            markTerminated();
        }
    }
}
