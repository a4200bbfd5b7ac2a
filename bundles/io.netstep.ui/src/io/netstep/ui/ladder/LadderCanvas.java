package io.netstep.ui.ladder;

import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

/**
 * Shows a ladder drawing with its own scroll bars, painting only the visible rows (a session
 * with thousands of messages stays fluid), the selected arrow's band highlighted. A click
 * reports the arrow under the mouse.
 */
final class LadderCanvas extends Canvas {

    private static final int HIGHLIGHT = 0xCFE3FF;

    private final SwtPainter painter;
    private LadderLayout.Drawing drawing;
    private int selected = -1;
    private IntConsumer onClick = i -> { };

    LadderCanvas(Composite parent) {
        super(parent, SWT.V_SCROLL | SWT.H_SCROLL | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        painter = new SwtPainter(getDisplay());
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> updateScrollBars());
        getVerticalBar().addListener(SWT.Selection, e -> redraw());
        getHorizontalBar().addListener(SWT.Selection, e -> redraw());
        addListener(SWT.MouseDown, e -> {
            if (drawing != null && e.button == 1) {
                onClick.accept(drawing.arrowAt(e.y + getVerticalBar().getSelection()));
            }
        });
        addListener(SWT.Dispose, e -> painter.close());
    }

    /** Lays out and shows {@code model}; keeps the scroll position when the ladder only grew. */
    void setModel(LadderModel model) {
        drawing = painter.layout(model);
        if (selected >= drawing.bandTop().length) {
            selected = -1;
        }
        updateScrollBars();
        redraw();
    }

    LadderLayout.Drawing drawing() {
        return drawing;
    }

    void onClick(IntConsumer c) {
        onClick = c;
    }

    /** Highlights an arrow (-1: none) and scrolls it into view. */
    void select(int index) {
        selected = index;
        if (drawing != null && index >= 0 && index < drawing.bandTop().length) {
            ScrollBar v = getVerticalBar();
            int top = drawing.bandTop()[index];
            int h = getClientArea().height;
            if (top < v.getSelection() + LadderLayout.HEADER || top + drawing.bandHeight()[index] > v.getSelection() + h) {
                v.setSelection(Math.max(0, top - h / 3));
            }
        }
        redraw();
    }

    int selected() {
        return selected;
    }

    /** Scrolls to the end (follow a live session). */
    void scrollToEnd() {
        ScrollBar v = getVerticalBar();
        v.setSelection(v.getMaximum());
        redraw();
    }

    private void updateScrollBars() {
        Rectangle area = getClientArea();
        ScrollBar v = getVerticalBar();
        ScrollBar h = getHorizontalBar();
        int height = drawing == null ? 0 : drawing.height();
        int width = drawing == null ? 0 : drawing.width();
        v.setValues(Math.min(v.getSelection(), Math.max(0, height - area.height)), 0, Math.max(height, 1),
                Math.max(1, Math.min(area.height, height)), 40, Math.max(1, area.height - 40));
        h.setValues(Math.min(h.getSelection(), Math.max(0, width - area.width)), 0, Math.max(width, 1),
                Math.max(1, Math.min(area.width, width)), 40, Math.max(1, area.width - 40));
        v.setVisible(height > area.height);
        h.setVisible(width > area.width);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(painter.colour(0xFFFFFF));
        gc.fillRectangle(area);
        if (drawing == null) {
            return;
        }
        int dy = getVerticalBar().getSelection();
        int dx = getHorizontalBar().getSelection();
        Transform t = new Transform(getDisplay());
        try {
            t.translate(-dx, -dy);
            gc.setTransform(t);
            if (selected >= 0 && selected < drawing.bandTop().length) {
                gc.setBackground(painter.colour(HIGHLIGHT));
                gc.fillRectangle(0, drawing.bandTop()[selected], Math.max(drawing.width(), area.width + dx),
                        drawing.bandHeight()[selected]);
            }
            painter.paint(gc, drawing, dy, dy + area.height);
        } finally {
            gc.setTransform(null);
            t.dispose();
        }
    }
}
