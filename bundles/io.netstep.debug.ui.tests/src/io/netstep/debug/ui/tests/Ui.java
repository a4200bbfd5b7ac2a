package io.netstep.debug.ui.tests;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/**
 * Workbench helpers: the tests run on the UI thread, so every wait runs the event loop (the
 * Debug view, the NetStep views and the debug commands need it to move).
 */
final class Ui {

    private Ui() { }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @SuppressWarnings("unchecked")
    static <T extends IViewPart> T open(String id) throws Exception {
        return (T) page().showView(id);
    }

    /** Runs the event loop until {@code condition} holds; a liveness guard of 90 s, not a timing check. */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        Display d = Display.getCurrent();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what.get());
            }
            if (!d.readAndDispatch()) {
                d.timerExec(20, () -> { });
                d.sleep();
            }
        }
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, () -> what);
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
     * Activates and maximises the view, saves the workbench window as
     * target/screenshots/{name}.png, restores the layout; returns the image for checks.
     */
    static ImageData screenshot(IViewPart view, String name) {
        IWorkbenchPage page = page();
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        try {
            return screenshot(view.getSite().getShell(), name);
        } finally {
            page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
            settle(200);
        }
    }

    /** Saves a shell (a dialog, the workbench window) as target/screenshots/{name}.png. */
    static ImageData screenshot(Shell shell, String name) {
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
        }
    }

    /** The texts of a tree's expanded items, depth first, each as "col0 | col1 | …", indented by depth. */
    static List<String> rows(Tree tree) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : tree.getItems()) {
            rows(i, 0, tree.getColumnCount(), out);
        }
        return out;
    }

    private static void rows(TreeItem item, int depth, int columns, List<String> out) {
        StringBuilder b = new StringBuilder("  ".repeat(depth));
        for (int c = 0; c < Math.max(1, columns); c++) {
            if (c > 0) {
                b.append(" | ");
            }
            b.append(item.getText(c));
        }
        out.add(b.toString());
        if (item.getExpanded()) {
            for (TreeItem child : item.getItems()) {
                rows(child, depth + 1, columns, out);
            }
        }
    }
}
