package io.netstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private final AtomicLong real = new AtomicLong(5_000);
    private final VirtualClock clock = new VirtualClock(real::get);

    @Test
    void startsAtZeroAndFollowsRealTime() {
        assertEquals(0, clock.nanos());
        real.addAndGet(700);
        assertEquals(700, clock.nanos());
    }

    @Test
    void pausedTimeDoesNotCount() {
        real.addAndGet(100);
        clock.pause();
        real.addAndGet(1_000_000);
        assertEquals(100, clock.nanos());
        clock.pause();   // nested pause: no effect
        clock.resume();
        assertEquals(100, clock.nanos());
        real.addAndGet(50);
        assertEquals(150, clock.nanos());
    }

    @Test
    void neverGoesBackwardsEvenIfRealTimeDoes() {
        real.addAndGet(100);
        assertEquals(100, clock.nanos());
        real.addAndGet(-60);
        assertEquals(100, clock.nanos());
    }

    @Test
    void manualModeMovesOnlyWhenTold() {
        real.addAndGet(300);
        clock.setManual(true);
        real.addAndGet(10_000);
        assertEquals(300, clock.nanos(), "switching keeps the value");
        clock.advance(20);
        assertEquals(320, clock.nanos());
        clock.pause();
        clock.advance(20);
        assertEquals(320, clock.nanos(), "a paused clock does not move, even by hand");
        clock.resume();
        clock.set(1_000);
        assertEquals(1_000, clock.nanos());
        assertThrows(IllegalArgumentException.class, () -> clock.set(999));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        clock.setManual(false);
        assertEquals(1_000, clock.nanos(), "back to real time without a jump");
        real.addAndGet(5);
        assertEquals(1_005, clock.nanos());
    }

    @Test
    void manualOperationsNeedManualMode() {
        assertThrows(IllegalStateException.class, () -> clock.advance(1));
        assertTrue(VirtualClock.manual().isManual());
    }
}
