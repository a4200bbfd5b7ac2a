package io.netstep.w5500;

/**
 * The chip's time base. Virtual: it stands still while the session is paused, so RTR/RCR
 * timeouts and the firmware's {@code netstep_millis()} freeze together. Tests drive it by hand.
 */
@FunctionalInterface
public interface Clock {
    /** Monotonic virtual time in nanoseconds. */
    long nanos();
}
