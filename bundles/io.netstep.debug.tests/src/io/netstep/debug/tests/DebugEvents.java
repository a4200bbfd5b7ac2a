package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;

/** Records every DebugEvent fired while open; waits for the next one that matches. */
final class DebugEvents implements IDebugEventSetListener, AutoCloseable {

    private final List<DebugEvent> all = new ArrayList<>();
    /** What to add to a failure message (e.g. the session's state). */
    private volatile java.util.function.Supplier<String> context = () -> "";

    void context(java.util.function.Supplier<String> c) {
        context = c;
    }
    private int consumed;

    DebugEvents() {
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    @Override
    public synchronized void handleDebugEvents(DebugEvent[] events) {
        all.addAll(List.of(events));
        notifyAll();
    }

    /** The next event (after the last one returned) matching {@code p}; fails after {@code seconds}. */
    synchronized DebugEvent next(String what, Predicate<DebugEvent> p, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (int i = consumed; i < all.size(); i++) {
                if (p.test(all.get(i))) {
                    consumed = i + 1;
                    return all.get(i);
                }
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                fail("no " + what + " within " + seconds + " s; events: " + describe() + "\n" + context.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Any event so far or to come matching {@code p}, regardless of order; fails after {@code seconds}. */
    synchronized DebugEvent await(String what, Predicate<DebugEvent> p, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (DebugEvent e : all) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                fail("no " + what + " within " + seconds + " s; events: " + describe() + "\n" + context.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    static Predicate<DebugEvent> of(Object source, int kind, int detail) {
        return e -> e.getSource() == source && e.getKind() == kind && e.getDetail() == detail;
    }

    static Predicate<DebugEvent> kind(Class<?> sourceType, int kind, int detail) {
        return e -> sourceType.isInstance(e.getSource()) && e.getKind() == kind && e.getDetail() == detail;
    }

    synchronized List<DebugEvent> all() {
        return List.copyOf(all);
    }

    synchronized String describe() {
        StringBuilder b = new StringBuilder();
        for (DebugEvent e : all) {
            b.append("\n  ").append(e.getSource().getClass().getSimpleName()).append(' ').append(e);
        }
        return b.toString();
    }

    @Override
    public void close() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
    }
}
