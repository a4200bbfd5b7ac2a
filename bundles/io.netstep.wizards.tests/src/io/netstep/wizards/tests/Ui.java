package io.netstep.wizards.tests;

import java.io.File;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Event-loop helpers and screenshots for the UI-harness tests. */
final class Ui {

    private Ui() { }

    /** Runs the UI event loop until {@code condition} holds; a 60 s liveness guard, not a timing check. */
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

    /** Saves the shell as target/screenshots/{name}.png and returns the image for checks. */
    static ImageData screenshot(Shell shell, String name) {
        shell.forceActive();
        settle(600);
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
        }
    }
}
