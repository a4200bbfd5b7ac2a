package io.netstep.debug.ui;

import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.W5500Thread;
import io.netstep.session.analysis.ProtocolEvent;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.ui.sourcelookup.ISourceDisplay;

/**
 * Lets the Debug view's selection drive the NetStep views: a stack frame adapts to its
 * protocol event (the Protocol Timeline and Packet Detail follow selections that do, see
 * {@code NetStepInput.eventOf}), a suspended thread to its top frame's event. A frame also
 * "displays its source" in the timeline instead of a source editor.
 */
final class EventAdapterFactory implements IAdapterFactory {

    private static final ISourceDisplay TIMELINE = new TimelineSourceDisplay();

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> type) {
        if (type == ProtocolEvent.class) {
            return type.cast(eventOf(adaptable));
        }
        if (type == ISourceDisplay.class && adaptable instanceof LayerStackFrame) {
            return type.cast(TIMELINE);
        }
        return null;
    }

    static ProtocolEvent eventOf(Object o) {
        if (o instanceof LayerStackFrame f) {
            return FrameEvents.of(f);
        }
        if (o instanceof W5500Thread t && t.isSuspended()) {
            try {
                IStackFrame top = t.getTopStackFrame();
                return top instanceof LayerStackFrame f ? FrameEvents.of(f) : null;
            } catch (DebugException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {ProtocolEvent.class, ISourceDisplay.class};
    }
}
