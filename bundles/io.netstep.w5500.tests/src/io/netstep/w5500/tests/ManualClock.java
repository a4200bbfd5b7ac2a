package io.netstep.w5500.tests;

import io.netstep.w5500.Clock;

/** Virtual time the test moves by hand. */
final class ManualClock implements Clock {
    private long now;

    @Override
    public synchronized long nanos() {
        return now;
    }

    synchronized void advanceNanos(long ns) {
        now += ns;
    }

    void advanceMillis(long ms) {
        advanceNanos(ms * 1_000_000L);
    }
}
