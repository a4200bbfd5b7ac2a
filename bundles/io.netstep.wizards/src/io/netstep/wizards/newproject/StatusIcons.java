package io.netstep.wizards.newproject;

import io.netstep.preflight.Status;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;

/** Small round status marks (green OK, amber warning, red failed, grey skipped), freed with their control. */
final class StatusIcons {

    private final Map<Status, Image> images = new EnumMap<>(Status.class);

    StatusIcons(Control owner) {
        images.put(Status.OK, dot(owner, new RGB(46, 160, 67)));
        images.put(Status.WARNING, dot(owner, new RGB(230, 160, 0)));
        images.put(Status.FAILED, dot(owner, new RGB(210, 40, 40)));
        images.put(Status.SKIPPED, dot(owner, new RGB(170, 170, 170)));
        owner.addDisposeListener(e -> images.values().forEach(Image::dispose));
    }

    Image get(Status s) {
        return images.get(s);
    }

    private static Image dot(Control owner, RGB rgb) {
        // transparent background: draw on a known colour and make it the transparent pixel
        Image img = new Image(owner.getDisplay(), 14, 14);
        GC gc = new GC(img);
        Color fill = new Color(owner.getDisplay(), rgb);
        try {
            gc.setBackground(owner.getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, 14, 14);
            gc.setAntialias(SWT.ON);
            gc.setBackground(fill);
            gc.fillOval(1, 1, 12, 12);
        } finally {
            gc.dispose();
            fill.dispose();
        }
        ImageData data = img.getImageData();
        img.dispose();
        data.transparentPixel = data.palette.getPixel(new RGB(255, 255, 255));
        return new Image(owner.getDisplay(), data);
    }
}
