package io.netstep.ui.ladder;

import io.netstep.ui.ladder.DrawCommand.Anchor;
import io.netstep.ui.ladder.DrawCommand.Font;
import io.netstep.ui.ladder.LadderModel.Arrow;
import io.netstep.ui.ladder.LadderModel.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Places a {@link LadderModel} on a plane: time column on the left, the device lifeline, the
 * broker lifeline; one band per arrow (label above the line, detail below), and where a side's
 * TLS state changed, a small box on that lifeline under the arrow. The result is a list of
 * {@link DrawCommand}s plus each arrow's band (for hit testing and highlighting).
 */
public final class LadderLayout {

    /** Height of a text line. */
    public static final int LINE = 14;
    static final int TIME_X = 8;
    static final int DEVICE_X = 230;
    static final int GAP = 470;
    static final int HEADER = 56;
    static final int BAND = 40;
    static final int STATE_BAND = 24;
    static final int RIGHT = 210;

    static final int BLACK = 0x202020;
    static final int GREY = 0x707070;
    static final int LIFELINE = 0x9A9A9A;
    static final int TLS = 0x1F4E9A;
    static final int MQTT = 0x1B7A3A;
    static final int TCP = 0x505050;
    static final int RED = 0xC62828;
    static final int ORANGE = 0xB86E00;
    static final int STATE_FILL = 0xFFF6D5;
    static final int STATE_STROKE = 0xC9A227;
    static final int HEAD_FILL = 0xE8EEF8;

    /** The laid-out ladder: its size, what to draw and where each arrow's band is. */
    public record Drawing(int width, int height, List<DrawCommand> commands, int[] bandTop, int[] bandHeight) {

        /** The arrow whose band holds y, or -1. */
        public int arrowAt(int y) {
            int lo = 0;
            int hi = bandTop.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (y < bandTop[mid]) {
                    hi = mid - 1;
                } else if (y >= bandTop[mid] + bandHeight[mid]) {
                    lo = mid + 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
    }

    private LadderLayout() { }

    /** Lays out with an estimate of text widths (about 7 px a character): for SVG. */
    public static Drawing layout(LadderModel m) {
        return layout(m, (s, f) -> (int) Math.ceil(s.length() * (f == Font.SMALL ? 6.0 : 7.2)));
    }

    /** Lays out with real text widths ({@code measure}: text, font → pixels). */
    public static Drawing layout(LadderModel m, BiFunction<String, Font, Integer> measure) {
        List<DrawCommand> out = new ArrayList<>();
        int dx = DEVICE_X;
        int bx = DEVICE_X + GAP;
        int width = bx + RIGHT;
        int n = m.arrows().size();
        int[] top = new int[n];
        int[] height = new int[n];

        int y = HEADER;
        String devPrev = "";
        String brkPrev = "";
        List<DrawCommand> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Arrow a = m.arrows().get(i);
            top[i] = y;
            int lineY = y + 20;
            rows.add(new DrawCommand.Text(TIME_X, lineY - LINE / 2, a.time() + " ms", GREY, Anchor.START, Font.SMALL));
            if (a.isNote()) {
                note(rows, a, dx, bx, y, measure);
            } else {
                arrow(rows, a, a.from() == Side.DEVICE ? dx : bx, a.from() == Side.DEVICE ? bx : dx, lineY, measure);
            }
            int h = BAND;
            boolean devChanged = !a.deviceState().isEmpty() && !a.deviceState().equals(devPrev);
            boolean brkChanged = !a.brokerState().isEmpty() && !a.brokerState().equals(brkPrev);
            if (devChanged || brkChanged) {
                int sy = y + BAND - 2;
                if (devChanged) {
                    state(rows, dx, sy, a.deviceState(), measure);
                }
                if (brkChanged) {
                    state(rows, bx, sy, a.brokerState(), measure);
                }
                h += STATE_BAND;
            }
            devPrev = a.deviceState();
            brkPrev = a.brokerState();
            height[i] = h;
            y += h;
        }
        int bottom = y + 16;
        // lifelines first so that arrows and boxes are drawn over them
        out.add(new DrawCommand.Line(dx, HEADER - 8, dx, bottom, LIFELINE, 1, true));
        out.add(new DrawCommand.Line(bx, HEADER - 8, bx, bottom, LIFELINE, 1, true));
        head(out, dx, m.deviceName(), measure);
        head(out, bx, m.brokerName(), measure);
        out.add(new DrawCommand.Text(TIME_X, 20, "virtual time", GREY, Anchor.START, Font.SMALL));
        out.addAll(rows);
        if (n == 0) {
            out.add(new DrawCommand.Text((dx + bx) / 2, HEADER + 10, "no messages on this connection", GREY,
                    Anchor.MIDDLE, Font.NORMAL));
        }
        return new Drawing(width, bottom + 8, List.copyOf(out), top, height);
    }

    private static void head(List<DrawCommand> out, int x, String name, BiFunction<String, Font, Integer> measure) {
        int w = Math.max(120, measure.apply(name, Font.BOLD) + 20);
        out.add(new DrawCommand.Rect(x - w / 2, 8, w, 30, TLS, HEAD_FILL, 6));
        out.add(new DrawCommand.Text(x, 16, name, BLACK, Anchor.MIDDLE, Font.BOLD));
    }

    private static void arrow(List<DrawCommand> out, Arrow a, int fromX, int toX, int y,
            BiFunction<String, Font, Integer> measure) {
        int colour = a.red() ? RED : switch (a.kind()) {
            case TLS -> TLS;
            case MQTT -> MQTT;
            case ALERT -> RED;
            default -> TCP;
        };
        int dir = toX > fromX ? 1 : -1;
        // a cut arrow stops short of the receiver and ends in an X
        int endX = a.cut() ? toX - dir * 70 : toX;
        out.add(new DrawCommand.Line(fromX, y, endX - (a.cut() ? 0 : dir * 9), y, colour, 2, a.kind() == LadderModel.Kind.TCP && !a.red()));
        if (a.cut()) {
            out.add(new DrawCommand.Line(endX - 6, y - 6, endX + 6, y + 6, colour, 2, false));
            out.add(new DrawCommand.Line(endX - 6, y + 6, endX + 6, y - 6, colour, 2, false));
        } else {
            out.add(new DrawCommand.Polygon(new int[] { toX, y, toX - dir * 10, y - 5, toX - dir * 10, y + 5 }, colour));
        }
        int mid = (fromX + toX) / 2;
        out.add(new DrawCommand.Text(mid, y - LINE - 3, a.label(), colour, Anchor.MIDDLE, Font.BOLD));
        if (!a.detail().isEmpty()) {
            out.add(new DrawCommand.Text(mid, y + 3, fit(a.detail(), GAP - 30, measure), GREY, Anchor.MIDDLE, Font.SMALL));
        }
    }

    private static void note(List<DrawCommand> out, Arrow a, int dx, int bx, int y,
            BiFunction<String, Font, Integer> measure) {
        int colour = a.red() ? RED : ORANGE;
        String text = a.label() + (a.detail().isEmpty() ? "" : ": " + a.detail());
        int max = bx - dx - 20;
        String shown = fit(text, max, measure);
        int w = Math.min(max, measure.apply(shown, Font.SMALL) + 16);
        int mid = (dx + bx) / 2;
        out.add(new DrawCommand.Rect(mid - w / 2, y + 10, w, LINE + 8, colour, 0xFFFFFF, 4));
        out.add(new DrawCommand.Text(mid, y + 14, shown, colour, Anchor.MIDDLE, Font.SMALL));
    }

    private static void state(List<DrawCommand> out, int x, int y, String state, BiFunction<String, Font, Integer> measure) {
        int w = measure.apply(state, Font.SMALL) + 12;
        out.add(new DrawCommand.Rect(x - w / 2, y, w, LINE + 6, STATE_STROKE, STATE_FILL, 8));
        out.add(new DrawCommand.Text(x, y + 3, state, BLACK, Anchor.MIDDLE, Font.SMALL));
    }

    /** The text, shortened with "…" to fit {@code max} pixels. */
    static String fit(String text, int max, BiFunction<String, Font, Integer> measure) {
        if (measure.apply(text, Font.SMALL) <= max) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && measure.apply(s + "\u2026", Font.SMALL) > max) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "\u2026";
    }
}
