package io.netstep.ui.ladder;

/**
 * One drawing primitive of a ladder, in pixels, with colours as 0xRRGGBB: what both the SWT
 * painter and the SVG writer understand. Text positions are the top of the text line.
 */
public sealed interface DrawCommand {

    /** Where a text's x is: its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    /** Text sizes: normal (12 px), bold, small (10 px). */
    enum Font { NORMAL, BOLD, SMALL }

    /** The lowest and highest y the command touches (for painting only what is visible). */
    int top();

    int bottom();

    record Line(int x1, int y1, int x2, int y2, int rgb, int width, boolean dashed) implements DrawCommand {
        public int top() {
            return Math.min(y1, y2) - width;
        }

        public int bottom() {
            return Math.max(y1, y2) + width;
        }
    }

    /** A filled triangle or other polygon: x0, y0, x1, y1, … */
    record Polygon(int[] points, int rgb) implements DrawCommand {
        public int top() {
            int m = Integer.MAX_VALUE;
            for (int i = 1; i < points.length; i += 2) {
                m = Math.min(m, points[i]);
            }
            return m;
        }

        public int bottom() {
            int m = Integer.MIN_VALUE;
            for (int i = 1; i < points.length; i += 2) {
                m = Math.max(m, points[i]);
            }
            return m;
        }
    }

    /** A rectangle with an outline and a fill (fill -1: none), rounded by {@code arc}. */
    record Rect(int x, int y, int w, int h, int stroke, int fill, int arc) implements DrawCommand {
        public int top() {
            return y;
        }

        public int bottom() {
            return y + h;
        }
    }

    record Text(int x, int y, String text, int rgb, Anchor anchor, Font font) implements DrawCommand {
        public int top() {
            return y;
        }

        public int bottom() {
            return y + LadderLayout.LINE;
        }
    }
}
