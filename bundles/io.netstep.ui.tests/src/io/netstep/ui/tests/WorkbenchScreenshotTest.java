package io.netstep.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * Proves the UI test setup: the IDE workbench comes up under the test harness (on Xvfb in
 * CI), shows a perspective, and a screenshot of its window can be taken for a person to look at.
 */
class WorkbenchScreenshotTest {

    @Test
    void workbenchWindowShowsAPerspectiveAndCanBeCaptured() throws Exception {
        assertTrue(PlatformUI.isWorkbenchRunning(), "workbench is running");
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "an active workbench window");
        IWorkbenchPage page = window.getActivePage();
        assertNotNull(page, "the window has an active page");
        IPerspectiveDescriptor perspective = page.getPerspective();
        assertNotNull(perspective, "the page shows a perspective");

        Shell shell = window.getShell();
        assertTrue(shell.isVisible(), "the workbench shell is visible");
        shell.forceActive();
        settle(shell.getDisplay());

        File png = new File(screenshotDir(), "workbench-" + perspective.getId() + ".png");
        ImageData shot = capture(shell, png);

        assertTrue(png.length() > 0, "screenshot written to " + png);
        // A painted workbench has toolbars, tabs and text; a blank or black capture has a
        // handful of colours at most.
        assertTrue(distinctColours(shot, 64) >= 16,
                "screenshot shows a painted window, not a blank area: " + png);
    }

    /** Lets the window lay out and paint: run the event loop until it has been idle a while. */
    private static void settle(Display display) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    /** Copies the window's area of the screen (menu bar included), as a person sees it. */
    private static ImageData capture(Shell shell, File png) {
        Display display = shell.getDisplay();
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            png.getParentFile().mkdirs();
            loader.save(png.getPath(), SWT.IMAGE_PNG);
            return data;
        } finally {
            image.dispose();
        }
    }

    private static int distinctColours(ImageData data, int step) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < data.height; y += Math.max(1, data.height / step)) {
            for (int x = 0; x < data.width; x += Math.max(1, data.width / step)) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }

    private static File screenshotDir() {
        return new File(System.getProperty("netstep.screenshots", "target/screenshots"));
    }
}
