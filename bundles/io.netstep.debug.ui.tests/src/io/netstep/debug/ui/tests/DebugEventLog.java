package io.netstep.debug.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;

/**
 * Every DebugEvent fired while open. The tests run on the UI thread, so they wait with
 * {@link #next} which runs the event loop instead of blocking it.
 */
final class DebugEventLog implements IDebugEventSetListener, AutoCloseable {

    private final List<DebugEvent> all = new ArrayList<>();
    private int consumed;

    DebugEventLog() {
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    @Override
    public synchronized void handleDebugEvents(DebugEvent[] events) {
        all.addAll(List.of(events));
    }

    private synchronized DebugEvent find(Predicate<DebugEvent> p) {
        for (int i = consumed; i < all.size(); i++) {
            if (p.test(all.get(i))) {
                consumed = i + 1;
                return all.get(i);
            }
        }
        return null;
    }

    /** The next event after the last one returned that matches {@code p}. */
    DebugEvent next(String what, Predicate<DebugEvent> p) {
        DebugEvent[] got = new DebugEvent[1];
        Ui.until(() -> (got[0] = find(p)) != null, () -> what + "; events: " + describe());
        return got[0];
    }

    static Predicate<DebugEvent> of(Object source, int kind, int detail) {
        return e -> e.getSource() == source && e.getKind() == kind && e.getDetail() == detail;
    }

    static Predicate<DebugEvent> kind(Class<?> sourceType, int kind, int detail) {
        return e -> sourceType.isInstance(e.getSource()) && e.getKind() == kind && e.getDetail() == detail;
    }

    static Predicate<DebugEvent> kind(Class<?> sourceType, int kind) {
        return e -> sourceType.isInstance(e.getSource()) && e.getKind() == kind;
    }

    synchronized String describe() {
        StringBuilder b = new StringBuilder();
        for (DebugEvent e : all.subList(Math.max(0, all.size() - 30), all.size())) {
            b.append("\n  ").append(e.getSource().getClass().getSimpleName()).append(' ').append(e);
        }
        return b.toString();
    }

    @Override
    public void close() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
    }
}
