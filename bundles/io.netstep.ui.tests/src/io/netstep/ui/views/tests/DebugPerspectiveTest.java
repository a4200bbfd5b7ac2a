package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.registers.RegistersView;
import io.netstep.ui.timeline.TimelineView;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/** The NetStep views are part of the Debug perspective (plugin.xml perspectiveExtensions). */
class DebugPerspectiveTest {

    @Test
    void debugPerspectiveHasTheNetStepViews() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective("org.eclipse.debug.ui.DebugPerspective", window);
        assertEquals("org.eclipse.debug.ui.DebugPerspective", page.getPerspective().getId());
        for (String id : new String[] { TimelineView.ID, PacketDetailView.ID, RegistersView.ID }) {
            assertNotNull(page.findViewReference(id), id + " is in the Debug perspective");
            assertEquals("NetStep", PlatformUI.getWorkbench().getViewRegistry().find(id).getCategoryPath()[0],
                    id + " is in the NetStep category");
        }
    }
}
