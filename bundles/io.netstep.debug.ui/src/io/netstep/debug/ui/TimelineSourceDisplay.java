package io.netstep.debug.ui;

import io.netstep.debug.model.LayerStackFrame;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.timeline.TimelineView;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.debug.ui.sourcelookup.ISourceDisplay;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * A protocol layer has no source file: its "source" is its row in the Protocol Timeline and its
 * fields in Packet Detail. The debug UI calls this for the Debug view's context (the selected
 * frame) whichever part is active, so the views follow a step even when the user's focus is
 * elsewhere (the selection service would only pass on the active part's selection). The
 * timeline is brought into view without taking the focus; the Packet Detail is updated if open.
 */
final class TimelineSourceDisplay implements ISourceDisplay {

    /** The timeline takes new events in batches: a frame's row may arrive a moment after the stop. */
    private static final int RETRY_MS = 100, RETRIES = 30;
    private final AtomicInteger latest = new AtomicInteger();

    @Override
    public void displaySource(Object element, IWorkbenchPage page, boolean forceSourceLookup) {
        if (!(element instanceof LayerStackFrame frame) || page == null) {
            return;
        }
        ProtocolEvent e = FrameEvents.of(frame);
        if (e == null) {
            return;
        }
        int request = latest.incrementAndGet();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        display.asyncExec(() -> {
            if (request != latest.get()) {
                return; // a newer frame was selected meanwhile
            }
            if (page.findView(PacketDetailView.ID) instanceof PacketDetailView detail && detail.event() != e) {
                detail.show(e);
            }
            try {
                IViewPart v = page.showView(TimelineView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
                if (v instanceof TimelineView timeline) {
                    reveal(display, timeline, e, request, RETRIES);
                }
            } catch (PartInitException ex) {
                // the Debug view still shows the frame; nothing to add
            }
        });
    }

    private void reveal(Display display, TimelineView timeline, ProtocolEvent e, int request, int triesLeft) {
        if (request != latest.get() || timeline.table() == null || timeline.table().isDisposed()) {
            return;
        }
        if (timeline.selectedEvents().equals(java.util.List.of(e)) || timeline.reveal(e) && timeline.selectedEvents().contains(e)) {
            return;
        }
        if (triesLeft > 0) {
            display.timerExec(RETRY_MS, () -> reveal(display, timeline, e, request, triesLeft - 1));
        }
    }
}
