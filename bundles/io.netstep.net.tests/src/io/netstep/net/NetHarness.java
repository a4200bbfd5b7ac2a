package io.netstep.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A VirtualNetwork with a real chip thread (a single-thread executor, as the session has), a
 * hand-driven virtual clock and recorders for what the chip and the listener are told. All
 * HostNetwork calls go through {@link #onChip}, like the chip's commands do.
 */
final class NetHarness implements AutoCloseable {

    /** How long to wait for something the host must do before calling the test failed (a guard, not a timing check). */
    static final long PATIENCE_MS = 20_000;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final ExecutorService chipThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-chip"));
    final ChipRecorder chip = new ChipRecorder(clock::get);
    final List<NetworkEvent> events = new ArrayList<>(); // chip thread only
    final VirtualNetwork net;

    NetHarness(NetworkOptions options) {
        net = new VirtualNetwork(options, clock::get, chipThread, events::add);
        net.attach(chip);
    }

    <T> T onChip(Callable<T> c) {
        try {
            Future<T> f = chipThread.submit(c);
            return f.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("chip thread: " + e, e);
        }
    }

    void onChip(Runnable r) {
        onChip(() -> { r.run(); return null; });
    }

    /** Advances virtual time and ticks the network, as the session does every millisecond. */
    void advanceMs(long ms) {
        for (long i = 0; i < ms; i++) {
            clock.addAndGet(1_000_000L);
            onChip(net::tick);
        }
    }

    /** Waits until {@code p} holds for the chip recorder (checked on the chip thread). */
    void awaitChip(String what, Predicate<ChipRecorder> p) {
        long end = System.currentTimeMillis() + PATIENCE_MS;
        while (System.currentTimeMillis() < end) {
            if (onChip(() -> p.test(chip))) return;
            sleep();
        }
        throw new AssertionError("gave up waiting for " + what + "; chip saw " + onChip(() -> List.copyOf(chip.calls)) + ", events " + eventsCopy());
    }

    <E extends NetworkEvent> E awaitEvent(Class<E> type, Predicate<E> p) {
        long end = System.currentTimeMillis() + PATIENCE_MS;
        while (System.currentTimeMillis() < end) {
            E e = onChip(() -> find(type, p));
            if (e != null) return e;
            sleep();
        }
        throw new AssertionError("gave up waiting for a " + type.getSimpleName() + "; events " + eventsCopy());
    }

    <E extends NetworkEvent> E find(Class<E> type, Predicate<E> p) {
        for (NetworkEvent e : events) if (type.isInstance(e) && p.test(type.cast(e))) return type.cast(e);
        return null;
    }

    List<NetworkEvent> eventsCopy() {
        return onChip(() -> List.copyOf(events));
    }

    /** Waits for a condition outside the chip (e.g. a host server saw something). */
    static void await(String what, java.util.function.BooleanSupplier b) {
        long end = System.currentTimeMillis() + PATIENCE_MS;
        while (System.currentTimeMillis() < end) {
            if (b.getAsBoolean()) return;
            sleep();
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() {
        net.close();
        chipThread.shutdownNow();
    }
}
