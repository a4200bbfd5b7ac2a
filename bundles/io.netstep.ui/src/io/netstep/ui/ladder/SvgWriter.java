package io.netstep.ui.ladder;

import java.util.Locale;

/** A {@link LadderLayout.Drawing} as a standalone SVG document. */
public final class SvgWriter {

    private SvgWriter() { }

    public static String svg(LadderLayout.Drawing d, String title) {
        StringBuilder b = new StringBuilder(256 + d.commands().size() * 120);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(d.width()).append("\" height=\"")
                .append(d.height()).append("\" viewBox=\"0 0 ").append(d.width()).append(' ').append(d.height())
                .append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        b.append("<title>").append(escape(title)).append("</title>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (DrawCommand c : d.commands()) {
            write(b, c);
        }
        return b.append("</svg>\n").toString();
    }

    private static void write(StringBuilder b, DrawCommand c) {
        if (c instanceof DrawCommand.Line l) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%d\"%s/>%n",
                    l.x1(), l.y1(), l.x2(), l.y2(), colour(l.rgb()), l.width(), l.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
        } else if (c instanceof DrawCommand.Polygon p) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i + 1 < p.points().length; i += 2) {
                pts.append(i == 0 ? "" : " ").append(p.points()[i]).append(',').append(p.points()[i + 1]);
            }
            b.append("<polygon points=\"").append(pts).append("\" fill=\"").append(colour(p.rgb())).append("\"/>\n");
        } else if (c instanceof DrawCommand.Rect r) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\" stroke=\"%s\" fill=\"%s\"/>%n",
                    r.x(), r.y(), r.w(), r.h(), r.arc() / 2, colour(r.stroke()), r.fill() < 0 ? "none" : colour(r.fill())));
        } else if (c instanceof DrawCommand.Text t) {
            int size = t.font() == DrawCommand.Font.SMALL ? 10 : 12;
            String anchor = switch (t.anchor()) {
                case START -> "start";
                case MIDDLE -> "middle";
                case END -> "end";
            };
            // y of a command is the top of the line; SVG places text by its baseline
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s text-anchor=\"%s\" fill=\"%s\">",
                    t.x(), t.y() + size, size, t.font() == DrawCommand.Font.BOLD ? " font-weight=\"bold\"" : "", anchor,
                    colour(t.rgb())));
            b.append(escape(t.text())).append("</text>\n");
        }
    }

    private static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (ch < 0x20 && ch != '\t' && ch != '\n') {
                        b.append(' ');   // not allowed in XML 1.0
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
