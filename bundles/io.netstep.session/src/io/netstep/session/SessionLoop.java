package io.netstep.session;

import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The session thread and its run state: a queue of work (bridge requests, network events)
 * that runs only while running, a queue of control tasks that runs always, a tick every
 * millisecond of virtual time, and suspension at the next step or breakpoint match.
 * Suspending happens between two work items, never inside one.
 */
final class SessionLoop {

    /** What the loop reports to its session (called without the loop's lock held). */
    interface Hooks {
        void tick();

        void suspended(SuspendReason reason, LogEntry cause, String detail);

        void resumed(ResumeReason reason);

        void failed(String message);
    }

    static final long TICK_NANOS = 1_000_000L;

    private final VirtualClock clock;
    private final Hooks hooks;
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

    SessionLoop(VirtualClock clock, Hooks hooks) {
        this.clock = clock;
        this.hooks = hooks;
        this.thread = new Thread(this::loop, "netstep-session");
        thread.setDaemon(true);
    }

    void start(boolean suspended) {
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
            hooks.suspended(SuspendReason.USER, null, "started suspended");
        }
        thread.start();
    }

    boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        lock.lock();
        try {
            return terminated;
        } finally {
            lock.unlock();
        }
    }

    int waitingRequests() {
        lock.lock();
        try {
            return (int) work.stream().filter(w -> w.future != null).count();
        } finally {
            lock.unlock();
        }
    }

    void pause() throws InterruptedException {
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

    /** Runs again; with {@code until}, suspends after the first entry it matches. */
    void resume(ResumeReason reason, Predicate<LogEntry> until) {
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
        hooks.resumed(reason);
    }

    /** Every log entry passes here: does it end a step or hit a breakpoint? */
    void watch(LogEntry e, List<Breakpoint> breakpoints) {
        if (e.event() instanceof SessionEvent.Suspended || e.event() instanceof SessionEvent.Resumed) {
            return;
        }
        lock.lock();
        try {
            if (paused || terminated || suspendRequest != null) {
                return;
            }
            SuspendReason hit = null;
            if (stepUntil != null && test(stepUntil, e)) {
                hit = SuspendReason.STEP;
            } else {
                for (Breakpoint b : breakpoints) {
                    if (test(b.matches(), e)) {
                        hit = SuspendReason.BREAKPOINT;
                        break;
                    }
                }
            }
            if (hit != null) {
                suspendRequest = hit;
                suspendCause = e;
                changed.signalAll();
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

    /** From any thread: run {@code r} on the session thread while running (dropped after the end). */
    void post(Runnable r) {
        enqueue(new Work(r, null), false);
    }

    /** Runs {@code task} as work (held while paused) and waits for its result. */
    <T> T call(Callable<T> task) throws SessionTerminatedException, InterruptedException {
        return submit(task, false);
    }

    /** Runs {@code task} on the session thread even while paused and waits for its result. */
    <T> T control(Callable<T> task) throws SessionTerminatedException, InterruptedException {
        return submit(task, true);
    }

    private <T> T submit(Callable<T> task, boolean isControl) throws SessionTerminatedException, InterruptedException {
        CompletableFuture<T> f = new CompletableFuture<>();
        Work w = new Work(() -> {
            try {
                f.complete(task.call());
            } catch (Exception | Error t) {
                hooks.failed("request failed: " + t);
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

    /** Ends the loop; pending requests fail. Returns false when it had ended already. */
    boolean terminate() {
        List<Work> dropped;
        lock.lock();
        try {
            if (terminated) {
                return false;
            }
            terminated = true;
            dropped = new ArrayList<>(control);
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
        return true;
    }

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
                        // in manual-clock mode nothing moves by itself: poll at 1 ms
                        changed.awaitNanos(Math.min(nextTick - now, TICK_NANOS));
                    }
                } finally {
                    lock.unlock();
                }
                if (suspend != null) {
                    hooks.suspended(suspend, cause, cause == null ? null : "after #" + cause.seq() + " " + cause.kind());
                } else if (tick) {
                    safely(hooks::tick);
                } else {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            hooks.failed(e.toString());
        }
    }

    /** A queued piece of work; {@code future} (null for posts) fails if the session ends first. */
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
