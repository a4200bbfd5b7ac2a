package io.netstep.session;

import io.netstep.w5500.Clock;

/**
 * The session's time base: real elapsed time minus the time spent paused, so the chip's
 * RTR/RCR timeouts and the firmware's {@code netstep_millis()} stand still together while
 * the user looks at a paused session. In manual mode (tests) it moves only when told to.
 * Thread-safe; never goes backwards.
 */
public final class VirtualClock implements Clock {

    private final java.util.function.LongSupplier realNanos;
    private final long origin;
    private long pausedTotal;      // real nanos spent paused so far
    private long pausedAt = -1;    // real nanos when the current pause began, -1 when running
    private boolean manual;
    private long manualNanos;
    private long last;             // highest value handed out, for monotonicity

    /** A real-time clock starting at 0, running. */
    public VirtualClock() {
        this(System::nanoTime);
    }

    /** For tests: real time from {@code realNanos}. */
    public VirtualClock(java.util.function.LongSupplier realNanos) {
        this.realNanos = realNanos;
        this.origin = realNanos.getAsLong();
    }

    /** A clock at 0 that moves only through {@link #advance} / {@link #set}. */
    public static VirtualClock manual() {
        VirtualClock c = new VirtualClock();
        synchronized (c) {
            c.manual = true;
        }
        return c;
    }

    @Override
    public synchronized long nanos() {
        long v;
        if (manual) {
            v = manualNanos;
        } else {
            long now = pausedAt >= 0 ? pausedAt : realNanos.getAsLong();
            v = now - origin - pausedTotal;
        }
        if (v < last) {
            v = last;
        }
        last = v;
        return v;
    }

    /** Freezes the clock; nested calls are ignored. */
    public synchronized void pause() {
        if (pausedAt < 0) {
            pausedAt = realNanos.getAsLong();
        }
    }

    /** Lets the clock run again from where it stopped. */
    public synchronized void resume() {
        if (pausedAt >= 0) {
            pausedTotal += realNanos.getAsLong() - pausedAt;
            pausedAt = -1;
        }
    }

    public synchronized boolean isPaused() {
        return pausedAt >= 0;
    }

    public synchronized boolean isManual() {
        return manual;
    }

    /**
     * Switches between manual and real time. The current value is kept either way, so the
     * clock does not jump.
     */
    public synchronized void setManual(boolean on) {
        if (on == manual) {
            return;
        }
        long now = nanos();
        if (on) {
            manualNanos = now;
        } else {
            long real = pausedAt >= 0 ? pausedAt : realNanos.getAsLong();
            pausedTotal = real - origin - now;
        }
        manual = on;
    }

    /** Manual mode: moves time forward (ignored while paused: a paused clock does not move). */
    public synchronized void advance(long nanos) {
        requireManual();
        if (nanos < 0) {
            throw new IllegalArgumentException("time only goes forward: " + nanos);
        }
        if (pausedAt < 0) {
            manualNanos += nanos;
        }
    }

    /** Manual mode: sets the time; it must not go backwards. */
    public synchronized void set(long nanos) {
        requireManual();
        if (nanos < last) {
            throw new IllegalArgumentException("time only goes forward: " + nanos + " < " + last);
        }
        manualNanos = nanos;
    }

    private void requireManual() {
        if (!manual) {
            throw new IllegalStateException("the clock is not in manual mode");
        }
    }
}
