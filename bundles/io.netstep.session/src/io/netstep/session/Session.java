package io.netstep.session;

import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.w5500.Clock;
import io.netstep.w5500.HostEvents;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One virtual W5500 with its network, clock and event log. The chip is driven from a single
 * session thread: bridge requests, what the network reports, and a tick every millisecond
 * of virtual time. While the session is paused that thread runs nothing but control
 * requests (pokes, inspection), so the chip, the clock and the firmware (blocked in the
 * bridge) all stand still.
 *
 * <p>Typical use: {@code new Session(binder)}, {@link #start()}, hand it to a
 * {@code BridgeServer}, {@link #terminate()} at the end.
 */
public final class Session implements AutoCloseable {

    /** Creates the network the chip talks to, given the ways to reach the chip. */
    @FunctionalInterface
    public interface NetworkBinder {
        HostNetwork bind(ChipSide chip);
    }

    /** The answer to one bridge FRAME: the MISO bytes read, and INTn after the frame. */
    public record FrameAnswer(byte[] miso, boolean intLine) { }

    private static final long TICK_NANOS = 1_000_000L;
    private static final int MAX_INTERNAL_ERRORS = 20;

    private final VirtualClock clock;
    private final EventLog log;
    private final KeyLog keyLog = new KeyLog();
    private final NetworkGate gate;
    private final W5500 chip;
    private final HostNetwork network;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Work> control = new ArrayDeque<>();
    private final ArrayDeque<Work> work = new ArrayDeque<>();
    private boolean started;
    private boolean paused;
    private boolean terminated;
    private SuspendReason suspendRequest;
    private LogEntry suspendCause;
    private Predicate<LogEntry> stepUntil;
    private long nextTick;
    private int internalErrors;

    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();
    private final List<Breakpoint> breakpoints = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public Session(NetworkBinder binder) {
        this(new VirtualClock(), binder);
    }

    public Session(VirtualClock clock, NetworkBinder binder) {
        this.clock = clock;
        this.log = new EventLog(clock);
        this.gate = new NetworkGate(this::postWork);
        this.chip = new W5500(clock, gate.toNetwork());
        chip.addListener(log::append);
        this.network = binder.bind(new ChipSide() {
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
                return Session.this::postWork;
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
        });
        gate.connect(chip, network);
        log.addListener(this::watch);
        thread = new Thread(this::loop, "netstep-session");
        thread.setDaemon(true);
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

    // ---- run control

    /** Starts the session thread, running. */
    public void start() {
        start(false);
    }

    /** Starts the session thread; {@code suspended}: stopped before the first request. */
    public void start(boolean suspended) {
        lock.lock();
        try {
            if (started || terminated) {
                throw new IllegalStateException(terminated ? "the session has ended" : "already started");
            }
            started = true;
            if (suspended) {
                paused = true;
                clock.pause();
            }
            nextTick = clock.nanos() + TICK_NANOS;
        } finally {
            lock.unlock();
        }
        if (suspended) {
            announceSuspended(SuspendReason.USER, null, "started suspended");
        }
        thread.start();
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many bridge requests wait for the session thread (while paused: the firmware is
     * blocked on these).
     */
    public int waitingRequests() {
        lock.lock();
        try {
            int n = 0;
            for (Work w : work) {
                if (w.future != null) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    public boolean isTerminated() {
        lock.lock();
        try {
            return terminated;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the session after the request in progress (the user's pause). Returns when it has
     * stopped, except when called on the session thread itself (from a listener).
     */
    public void pause() throws InterruptedException {
        lock.lock();
        try {
            if (paused || terminated) {
                return;
            }
            if (suspendRequest == null) {
                suspendRequest = SuspendReason.USER;
                suspendCause = null;
            }
            changed.signalAll();
            if (Thread.currentThread() == thread || !started) {
                return;
            }
            while (!paused && !terminated) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs again (the user's resume). */
    public void resume() {
        resume(ResumeReason.USER, null);
    }

    /**
     * Runs until an event matching {@code until} has been logged, then suspends with
     * {@link SuspendReason#STEP}. Protocol-level steps are just other predicates.
     */
    public void step(Predicate<LogEntry> until) {
        resume(ResumeReason.STEP, until);
    }

    public void stepToNextSpiFrame() {
        step(Steps.nextSpiFrame());
    }

    public void stepToNextSocketCommand() {
        step(Steps.nextSocketCommand());
    }

    private void resume(ResumeReason reason, Predicate<LogEntry> until) {
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            stepUntil = until;
            if (!paused) {
                return;
            }
            paused = false;
            suspendRequest = null;
            clock.resume();
            nextTick = clock.nanos() + TICK_NANOS;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.append(new SessionEvent.Resumed(reason));
        for (SessionListener l : listeners) {
            safely(() -> l.resumed(reason));
        }
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
        List<Work> dropped;
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            terminated = true;
            dropped = new java.util.ArrayList<>(control);
            dropped.addAll(work);
            control.clear();
            work.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Work w : dropped) {
            w.fail();
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clock.pause();
        if (network instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.append(new SessionEvent.InternalError("closing the network failed: " + e));
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

    // ---- requests from the bridge (block while paused)

    /**
     * One chip-select frame from the shim: SCSn low if {@code select}, clock out {@code mosi},
     * clock {@code readLength} dummy zeros in and return what came out, SCSn high if
     * {@code deselect}.
     */
    public FrameAnswer frame(boolean select, byte[] mosi, int readLength, boolean deselect)
            throws SessionTerminatedException, InterruptedException {
        return call(() -> {
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
        return call(clock::nanos);
    }

    /** Keeps a TLS key log line (in memory only) and logs that one arrived, not what it says. */
    public void keyLogLine(String line) {
        postWork(() -> {
            int n = keyLog.add(line);
            log.append(new SessionEvent.KeyLogLine(n));
        });
    }

    /** Records one of the session's own events. */
    public LogEntry record(SessionEvent event) {
        return log.append(event);
    }

    /** Records what the network reports (DHCP lease, DNS answer, fault, ...). */
    public LogEntry networkNote(String kind, String message) {
        return log.append(new SessionEvent.NetworkNote(kind, message));
    }

    /** Runs {@code task} on the session thread even while paused (for debuggers and tests). */
    public <T> T control(Callable<T> task) throws SessionTerminatedException, InterruptedException {
        return submit(task, true);
    }

    private <T> T call(Callable<T> task) throws SessionTerminatedException, InterruptedException {
        return submit(task, false);
    }

    private <T> T submit(Callable<T> task, boolean isControl) throws SessionTerminatedException, InterruptedException {
        CompletableFuture<T> f = new CompletableFuture<>();
        Work w = new Work(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                internalError("request failed: " + t);
                f.completeExceptionally(t);
            }
        }, f);
        if (Thread.currentThread() == thread) {
            w.run();
        } else {
            enqueue(w, isControl);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SessionTerminatedException t) {
                throw t;
            }
            throw new IllegalStateException("session request failed: " + e.getCause(), e.getCause());
        }
    }

    /** From any thread: run {@code r} on the session thread while running (dropped after the end). */
    void postWork(Runnable r) {
        enqueue(new Work(r, null), false);
    }

    private void enqueue(Work w, boolean isControl) {
        lock.lock();
        try {
            if (!terminated) {
                (isControl ? control : work).addLast(w);
                changed.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        w.fail();
    }

    // ---- the session thread

    private void loop() {
        try {
            while (true) {
                Work task = null;
                boolean tick = false;
                SuspendReason suspend = null;
                LogEntry cause = null;
                lock.lock();
                try {
                    while (true) {
                        if (terminated) {
                            return;
                        }
                        if (!control.isEmpty()) {
                            task = control.pollFirst();
                            break;
                        }
                        if (!paused && suspendRequest != null) {
                            suspend = suspendRequest;
                            cause = suspendCause;
                            suspendRequest = null;
                            suspendCause = null;
                            stepUntil = null;
                            paused = true;
                            clock.pause();
                            changed.signalAll();
                            break;
                        }
                        if (paused) {
                            changed.await();
                            continue;
                        }
                        long now = clock.nanos();
                        if (now >= nextTick) {
                            nextTick = now + TICK_NANOS;
                            tick = true;
                            break;
                        }
                        if (!work.isEmpty()) {
                            task = work.pollFirst();
                            break;
                        }
                        // In manual-clock mode nothing moves by itself: poll at 1 ms.
                        changed.awaitNanos(Math.min(nextTick - now, TICK_NANOS));
                    }
                } finally {
                    lock.unlock();
                }
                if (suspend != null) {
                    announceSuspended(suspend, cause, cause == null ? null : "after #" + cause.seq() + " " + cause.kind());
                } else if (tick) {
                    safely(chip::tick);
                    for (Runnable r : tickers) {
                        safely(r);
                    }
                } else {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void announceSuspended(SuspendReason reason, LogEntry cause, String detail) {
        log.append(new SessionEvent.Suspended(reason, detail));
        for (SessionListener l : listeners) {
            safely(() -> l.suspended(reason, cause));
        }
    }

    /** Event log listener: decides whether a step or breakpoint has been hit. */
    private void watch(LogEntry e) {
        if (e.event() instanceof SessionEvent.Suspended || e.event() instanceof SessionEvent.Resumed) {
            return;
        }
        lock.lock();
        try {
            if (paused || terminated || suspendRequest != null) {
                return;
            }
            if (stepUntil != null && test(stepUntil, e)) {
                suspendRequest = SuspendReason.STEP;
                suspendCause = e;
                changed.signalAll();
                return;
            }
            for (Breakpoint b : breakpoints) {
                if (test(b.matches(), e)) {
                    suspendRequest = SuspendReason.BREAKPOINT;
                    suspendCause = e;
                    changed.signalAll();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean test(Predicate<LogEntry> p, LogEntry e) {
        try {
            return p.test(e);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            internalError(e.toString());
        }
    }

    private void internalError(String message) {
        int n;
        synchronized (this) {
            n = ++internalErrors;
        }
        if (n < MAX_INTERNAL_ERRORS) {
            log.append(new SessionEvent.InternalError(message));
        } else if (n == MAX_INTERNAL_ERRORS) {
            log.append(new SessionEvent.InternalError(message + " (further internal errors are not logged)"));
        }
    }

    /** A queued piece of work; {@code future} (may be null) fails if the session ends first. */
    private final class Work implements Runnable {
        private final Runnable body;
        private final CompletableFuture<?> future;

        Work(Runnable body, CompletableFuture<?> future) {
            this.body = body;
            this.future = future;
        }

        @Override
        public void run() {
            safely(body);
        }

        void fail() {
            if (future != null) {
                future.completeExceptionally(new SessionTerminatedException());
            }
        }
    }
}
