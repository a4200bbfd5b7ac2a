package io.netstep.session;

import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.w5500.Clock;
import io.netstep.w5500.HostEvents;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One virtual W5500 with its network, clock and event log. The chip is driven from a single
 * session thread: bridge requests, what the network reports, and a tick every millisecond
 * of virtual time. While the session is paused that thread runs nothing but control
 * requests (pokes, inspection), so the chip, the clock and the firmware (blocked in the
 * bridge) all stand still.
 *
 * <p>Typical use: {@code new Session(binder)}, {@link #start()}, hand it to a
 * {@code BridgeServer}, {@link #terminate()} at the end. For a debugger: {@link #pause()},
 * {@link #resume()}, {@link #step(Predicate)}, {@link #addBreakpoint(Breakpoint)} and a
 * {@link SessionListener} for the suspend/resume notifications.
 */
public final class Session implements AutoCloseable {

    /** Creates the network the chip talks to, given the ways to reach the chip. */
    @FunctionalInterface
    public interface NetworkBinder {
        HostNetwork bind(ChipSide chip);
    }

    /** The answer to one bridge FRAME: the MISO bytes read, and INTn after the frame. */
    public record FrameAnswer(byte[] miso, boolean intLine) { }

    private static final int MAX_INTERNAL_ERRORS = 20;

    private final VirtualClock clock;
    private final EventLog log;
    private final KeyLog keyLog = new KeyLog();
    private final NetworkGate gate;
    private final W5500 chip;
    private final HostNetwork network;
    private final SessionLoop loop;
    private final AtomicInteger internalErrors = new AtomicInteger();

    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();
    private final List<Breakpoint> breakpoints = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public Session(NetworkBinder binder) {
        this(new VirtualClock(), binder);
    }

    public Session(VirtualClock clock, NetworkBinder binder) {
        this.clock = clock;
        this.log = new EventLog(clock);
        this.loop = new SessionLoop(clock, new LoopHooks());
        this.gate = new NetworkGate(loop::post);
        this.chip = new W5500(clock, gate.toNetwork());
        chip.addListener(log::append);
        this.network = binder.bind(new Side());
        gate.connect(chip, network);
        log.addListener(e -> loop.watch(e, breakpoints));
    }

    // ---- parts, for views and tools

    public W5500 chip() {
        return chip;
    }

    public VirtualClock clock() {
        return clock;
    }

    public EventLog log() {
        return log;
    }

    /** The TLS key log lines the firmware handed over. Secret: never log them. */
    public KeyLog keyLog() {
        return keyLog;
    }

    /** The network behind the chip (as the binder made it). */
    public HostNetwork network() {
        return network;
    }

    /** Reads a chip register or buffer byte without side effects; safe from any thread. */
    public int peek(int block, int offset) {
        return chip.peek(block, offset);
    }

    /** A debugger write, done on the session thread; works while paused. */
    public void poke(int block, int offset, int value) throws SessionTerminatedException, InterruptedException {
        control(() -> {
            chip.poke(block, offset, value);
            return null;
        });
    }

    /** Runs {@code task} on the session thread even while paused (for debuggers and tests). */
    public <T> T control(Callable<T> task) throws SessionTerminatedException, InterruptedException {
        return loop.control(task);
    }

    // ---- run control

    /** Starts the session thread, running. */
    public void start() {
        loop.start(false);
    }

    /** Starts the session thread; {@code suspended}: stopped before the first request. */
    public void start(boolean suspended) {
        loop.start(suspended);
    }

    public boolean isPaused() {
        return loop.isPaused();
    }

    public boolean isTerminated() {
        return loop.isTerminated();
    }

    /** How many bridge requests wait for the session thread (while paused: the firmware is blocked on these). */
    public int waitingRequests() {
        return loop.waitingRequests();
    }

    /**
     * Stops the session after the request in progress (the user's pause). Returns when it has
     * stopped, except when called on the session thread itself (from a listener).
     */
    public void pause() throws InterruptedException {
        loop.pause();
    }

    /** Runs again (the user's resume). */
    public void resume() {
        loop.resume(ResumeReason.USER, null);
    }

    /**
     * Runs until an event matching {@code until} has been logged, then suspends with
     * {@link SuspendReason#STEP}. Protocol-level steps are just other predicates.
     */
    public void step(Predicate<LogEntry> until) {
        loop.resume(ResumeReason.STEP, until);
    }

    public void stepToNextSpiFrame() {
        step(Steps.nextSpiFrame());
    }

    public void stepToNextSocketCommand() {
        step(Steps.nextSocketCommand());
    }

    public void addBreakpoint(Breakpoint b) {
        breakpoints.add(b);
    }

    public void removeBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    public void addSessionListener(SessionListener l) {
        listeners.add(l);
    }

    public void removeSessionListener(SessionListener l) {
        listeners.remove(l);
    }

    /** Ends the session: pending requests fail, the thread stops, the network is closed. */
    public void terminate() {
        if (!loop.terminate()) {
            return;
        }
        if (network instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                internalError("closing the network failed: " + e);
            }
        }
        for (SessionListener l : listeners) {
            safely(l::terminated);
        }
    }

    @Override
    public void close() {
        terminate();
    }

    // ---- requests from the bridge (held while paused)

    /**
     * One chip-select frame from the shim: SCSn low if {@code select}, clock out {@code mosi},
     * clock {@code readLength} dummy zeros in and return what came out, SCSn high if
     * {@code deselect}.
     */
    public FrameAnswer frame(boolean select, byte[] mosi, int readLength, boolean deselect)
            throws SessionTerminatedException, InterruptedException {
        return loop.call(() -> {
            chip.tick();
            if (select) {
                chip.select();
            }
            if (mosi.length > 0) {
                chip.exchange(mosi);
            }
            byte[] miso = readLength > 0 ? chip.exchange(new byte[readLength]) : new byte[0];
            if (deselect) {
                chip.deselect();
            }
            return new FrameAnswer(miso, chip.intLine());
        });
    }

    /** The virtual time the firmware sees, in nanoseconds. */
    public long millisRequest() throws SessionTerminatedException, InterruptedException {
        return loop.call(clock::nanos);
    }

    /** Keeps a TLS key log line (in memory only) and logs that one arrived, not what it says. */
    public void keyLogLine(String line) {
        loop.post(() -> {
            int n = keyLog.add(line);
            log.append(new SessionEvent.KeyLogLine(n));
        });
    }

    /** Records one of the session's own events. */
    public LogEntry record(SessionEvent event) {
        return log.append(event);
    }

    /** Records what the network reports in words (when it has no {@code NetworkEvent} for it). */
    public LogEntry networkNote(String kind, String message) {
        return log.append(new SessionEvent.NetworkNote(kind, message));
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            internalError(e.toString());
        }
    }

    private void internalError(String message) {
        int n = internalErrors.incrementAndGet();
        if (n < MAX_INTERNAL_ERRORS) {
            log.append(new SessionEvent.InternalError(message));
        } else if (n == MAX_INTERNAL_ERRORS) {
            log.append(new SessionEvent.InternalError(message + " (further internal errors are not logged)"));
        }
    }

    /** The loop's reports, turned into log entries and listener calls. */
    private final class LoopHooks implements SessionLoop.Hooks {
        @Override
        public void tick() {
            chip.tick();
            for (Runnable r : tickers) {
                safely(r);
            }
        }

        @Override
        public void suspended(SuspendReason reason, LogEntry cause, String detail) {
            log.append(new SessionEvent.Suspended(reason, detail));
            for (SessionListener l : listeners) {
                safely(() -> l.suspended(reason, cause));
            }
        }

        @Override
        public void resumed(ResumeReason reason) {
            log.append(new SessionEvent.Resumed(reason));
            for (SessionListener l : listeners) {
                safely(() -> l.resumed(reason));
            }
        }

        @Override
        public void failed(String message) {
            internalError(message);
        }
    }

    /** What the network gets to reach the chip. */
    private final class Side implements ChipSide {
        @Override
        public HostEvents direct() {
            return chip;
        }

        @Override
        public HostEvents queued() {
            return gate.toChip();
        }

        @Override
        public Executor sessionThread() {
            return loop::post;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public void everyMillisecond(Runnable r) {
            tickers.add(r);
        }

        @Override
        public void log(Object event) {
            log.append(event);
        }
    }
}
