package io.netstep.session;

import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something that must happen soon: fails after a generous 30 s. It is a
 * liveness guard, not a timing check: no test asserts how long anything took.
 */
public final class Waits {

    private Waits() { }

    public static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
