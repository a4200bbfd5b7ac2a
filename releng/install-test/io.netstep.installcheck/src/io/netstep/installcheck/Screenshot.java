package io.netstep.installcheck;

import java.io.File;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves a window as a person sees it (the screen area under the shell) to a PNG. */
final class Screenshot {

    private Screenshot() {
    }

    static void of(Shell shell, File png) {
        Display display = shell.getDisplay();
        settle(display, 1500);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            png.getParentFile().mkdirs();
            loader.save(png.getPath(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }

    /** Runs the event loop for a while so that layout and painting are done. */
    private static void settle(Display display, int millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
