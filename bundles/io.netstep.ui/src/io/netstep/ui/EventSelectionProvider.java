package io.netstep.ui;

import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/**
 * A view's selection of {@link ProtocolEvent}s (one or several, in order; empty for none), as
 * the NetStep views publish it to the workbench: the others follow its first element.
 */
public final class EventSelectionProvider implements ISelectionProvider {

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private ISelection current = StructuredSelection.EMPTY;

    /** Selects one event (null: none). */
    public void set(ProtocolEvent e) {
        set(e == null ? List.of() : List.of(e));
    }

    /** Selects these events (empty: none) and tells the listeners when that changed. */
    public void set(List<ProtocolEvent> events) {
        ISelection next = events.isEmpty() ? StructuredSelection.EMPTY : new StructuredSelection(List.copyOf(events));
        if (next.equals(current)) {
            return;
        }
        current = next;
        SelectionChangedEvent ev = new SelectionChangedEvent(this, next);
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(ev);
        }
    }

    /** The selected events in order. */
    public List<ProtocolEvent> events() {
        List<ProtocolEvent> out = new ArrayList<>();
        if (current instanceof StructuredSelection s) {
            for (Object o : s.toList()) {
                if (o instanceof ProtocolEvent e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener l) {
        listeners.add(l);
    }

    @Override
    public ISelection getSelection() {
        return current;
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener l) {
        listeners.remove(l);
    }

    @Override
    public void setSelection(ISelection selection) {
        List<ProtocolEvent> events = new ArrayList<>();
        if (selection instanceof StructuredSelection s) {
            for (Object o : s.toList()) {
                ProtocolEvent e = NetStepInput.eventOf(o);
                if (e != null) {
                    events.add(e);
                }
            }
        }
        set(events);
    }
}
