package io.netstep.ui.timeline;

import io.netstep.session.analysis.ProtocolEvent;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/** The timeline's selection: the selected {@link ProtocolEvent}, or empty. */
final class EventSelectionProvider implements ISelectionProvider {

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private ISelection current = StructuredSelection.EMPTY;

    void set(ProtocolEvent e) {
        ISelection next = e == null ? StructuredSelection.EMPTY : new StructuredSelection(e);
        if (next.equals(current)) {
            return;
        }
        current = next;
        SelectionChangedEvent ev = new SelectionChangedEvent(this, next);
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(ev);
        }
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
        Object o = selection instanceof StructuredSelection s ? s.getFirstElement() : null;
        set(o instanceof ProtocolEvent e ? e : null);
    }
}
