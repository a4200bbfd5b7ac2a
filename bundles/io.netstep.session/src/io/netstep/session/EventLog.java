package io.netstep.session;

import io.netstep.net.NetworkEvent;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Append-only record of everything that happened in a session, numbered from 1.
 * Thread-safe: entries get their number and reach the listeners in one order, whichever
 * thread appends. Listeners run on the appending thread and must be quick and not throw
 * (a listener that throws is reported once on stderr and dropped).
 */
public final class EventLog {

    private final Clock clock;
    private final List<LogEntry> entries = new ArrayList<>();
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /** Appends a {@link ChipEvent}, {@link NetworkEvent} or {@link SessionEvent}. */
    public LogEntry append(Object event) {
        if (!(event instanceof ChipEvent) && !(event instanceof NetworkEvent) && !(event instanceof SessionEvent)) {
            throw new IllegalArgumentException("not a chip, network or session event: " + event);
        }
        synchronized (entries) {
            long t = event instanceof ChipEvent ce ? ce.time()
                    : event instanceof NetworkEvent ne ? ne.time() : clock.nanos();
            LogEntry e = new LogEntry(entries.size() + 1L, t, System.currentTimeMillis(), event);
            entries.add(e);
            for (Consumer<LogEntry> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    listeners.remove(l);
                    System.err.println("netstep: event log listener failed and was removed: " + ex);
                }
            }
            return e;
        }
    }

    public void addListener(Consumer<LogEntry> l) {
        listeners.add(l);
    }

    /**
     * Adds a listener and hands it every entry so far first, with no entry lost or doubled
     * in between.
     */
    public void addListenerWithHistory(Consumer<LogEntry> l) {
        synchronized (entries) {
            for (LogEntry e : entries) {
                l.accept(e);
            }
            listeners.add(l);
        }
    }

    public void removeListener(Consumer<LogEntry> l) {
        listeners.remove(l);
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public List<LogEntry> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Entries with a sequence number greater than {@code seq}. */
    public List<LogEntry> after(long seq) {
        synchronized (entries) {
            int from = (int) Math.max(0, Math.min(seq, entries.size()));
            return List.copyOf(entries.subList(from, entries.size()));
        }
    }
}
