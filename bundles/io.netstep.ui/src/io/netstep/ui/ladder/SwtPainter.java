package io.netstep.ui.ladder;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;

/** Draws {@link DrawCommand}s on an SWT {@link GC}; owns the colours and fonts it makes (dispose it). */
public final class SwtPainter implements AutoCloseable {

    private final Device device;
    private final Map<Integer, Color> colours = new HashMap<>();
    private final org.eclipse.swt.graphics.Font normal;
    private final org.eclipse.swt.graphics.Font bold;
    private final org.eclipse.swt.graphics.Font small;

    public SwtPainter(Device device) {
        this.device = device;
        FontData base = device.getSystemFont().getFontData()[0];
        normal = new org.eclipse.swt.graphics.Font(device, base.getName(), 9, SWT.NORMAL);
        bold = new org.eclipse.swt.graphics.Font(device, base.getName(), 9, SWT.BOLD);
        small = new org.eclipse.swt.graphics.Font(device, base.getName(), 8, SWT.NORMAL);
    }

    /** Text width in pixels as this painter draws it (for {@link LadderLayout#layout(LadderModel, java.util.function.BiFunction)}). */
    public int width(GC gc, String text, DrawCommand.Font font) {
        gc.setFont(font(font));
        return gc.textExtent(text).x;
    }

    /** Lays out {@code model} with this painter's fonts. */
    public LadderLayout.Drawing layout(LadderModel model) {
        GC gc = new GC(device);
        try {
            return LadderLayout.layout(model, (s, f) -> width(gc, s, f));
        } finally {
            gc.dispose();
        }
    }

    /** Paints the commands that touch rows [fromY, toY) of the drawing. */
    public void paint(GC gc, LadderLayout.Drawing d, int fromY, int toY) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        for (DrawCommand c : d.commands()) {
            if (c.bottom() < fromY || c.top() > toY) {
                continue;
            }
            draw(gc, c);
        }
    }

    private void draw(GC gc, DrawCommand c) {
        if (c instanceof DrawCommand.Line l) {
            gc.setForeground(colour(l.rgb()));
            gc.setLineWidth(l.width());
            gc.setLineStyle(l.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
            gc.drawLine(l.x1(), l.y1(), l.x2(), l.y2());
            gc.setLineStyle(SWT.LINE_SOLID);
        } else if (c instanceof DrawCommand.Polygon p) {
            gc.setBackground(colour(p.rgb()));
            gc.fillPolygon(p.points());
        } else if (c instanceof DrawCommand.Rect r) {
            gc.setLineWidth(1);
            if (r.fill() >= 0) {
                gc.setBackground(colour(r.fill()));
                gc.fillRoundRectangle(r.x(), r.y(), r.w(), r.h(), r.arc(), r.arc());
            }
            gc.setForeground(colour(r.stroke()));
            gc.drawRoundRectangle(r.x(), r.y(), r.w(), r.h(), r.arc(), r.arc());
        } else if (c instanceof DrawCommand.Text t) {
            gc.setFont(font(t.font()));
            gc.setForeground(colour(t.rgb()));
            Point size = gc.textExtent(t.text());
            int x = switch (t.anchor()) {
                case START -> t.x();
                case MIDDLE -> t.x() - size.x / 2;
                case END -> t.x() - size.x;
            };
            gc.drawText(t.text(), x, t.y(), true);
        }
    }

    public Color colour(int rgb) {
        return colours.computeIfAbsent(rgb, v -> new Color(device, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF));
    }

    private org.eclipse.swt.graphics.Font font(DrawCommand.Font f) {
        return switch (f) {
            case NORMAL -> normal;
            case BOLD -> bold;
            case SMALL -> small;
        };
    }

    @Override
    public void close() {
        colours.values().forEach(Color::dispose);
        colours.clear();
        normal.dispose();
        bold.dispose();
        small.dispose();
    }
}
