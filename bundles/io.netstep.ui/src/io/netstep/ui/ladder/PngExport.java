package io.netstep.ui.ladder;

import java.io.OutputStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;

/** A ladder as a PNG: drawn on an SWT image of the drawing's size, saved with {@link ImageLoader}. */
public final class PngExport {

    /** Larger drawings are refused: an image this big is not something to look at anyway. */
    public static final int MAX_SIDE = 30_000;

    private PngExport() { }

    /** Writes the PNG; UI thread (SWT images). Returns the drawing's {width, height}. */
    public static int[] write(Display display, LadderModel model, OutputStream out) {
        try (SwtPainter painter = new SwtPainter(display)) {
            LadderLayout.Drawing d = painter.layout(model);
            if (d.width() > MAX_SIDE || d.height() > MAX_SIDE) {
                throw new IllegalArgumentException("the ladder is " + d.width() + "×" + d.height()
                        + " pixels, more than a PNG export takes (" + MAX_SIDE + "); export it as SVG");
            }
            Image image = new Image(display, d.width(), d.height());
            try {
                GC gc = new GC(image);
                try {
                    gc.setBackground(painter.colour(0xFFFFFF));
                    gc.fillRectangle(0, 0, d.width(), d.height());
                    painter.paint(gc, d, 0, d.height());
                } finally {
                    gc.dispose();
                }
                ImageData data = image.getImageData();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { data };
                loader.save(out, SWT.IMAGE_PNG);
                return new int[] { d.width(), d.height() };
            } finally {
                image.dispose();
            }
        }
    }
}
