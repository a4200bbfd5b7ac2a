package io.netstep.ui.views.tests;

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/** Workbench helpers for the view tests: run the event loop until something holds, screenshots. */
final class Ui {

    private Ui() { }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @SuppressWarnings("unchecked")
    static <T extends IViewPart> T open(String id) throws Exception {
        return (T) page().showView(id);
    }

    /**
     * Runs the UI event loop until {@code condition} holds; a liveness guard of 60 s, not a
     * timing check.
     */
    static void until(BooleanSupplier condition, String what) {
        Display d = Display.getCurrent();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            if (!d.readAndDispatch()) {
                d.timerExec(20, () -> { });
                d.sleep();
            }
        }
    }

    /** Lets the window lay out and paint. */
    static void settle(long millis) {
        Display d = Display.getCurrent();
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (!d.readAndDispatch()) {
                d.timerExec(20, () -> { });
                d.sleep();
            }
        }
    }

    /**
     * Maximises the view, saves the window as target/screenshots/{name}.png, restores the
     * layout; returns the image for checks.
     */
    static ImageData screenshot(IViewPart view, String name) {
        IWorkbenchPage page = page();
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Shell shell = view.getSite().getShell();
        shell.forceActive();
        settle(800);
        Display display = shell.getDisplay();
        Rectangle b = shell.getBounds();
        Image image = new Image(display, b.width, b.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, b.x, b.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            File png = new File(System.getProperty("netstep.screenshots", "target/screenshots"), name + ".png");
            png.getParentFile().mkdirs();
            loader.save(png.getPath(), SWT.IMAGE_PNG);
            return data;
        } finally {
            image.dispose();
            page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        }
    }

    static int distinctColours(ImageData data) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < data.height; y += Math.max(1, data.height / 64)) {
            for (int x = 0; x < data.width; x += Math.max(1, data.width / 64)) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }
}
