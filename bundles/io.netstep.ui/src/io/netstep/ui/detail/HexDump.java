package io.netstep.ui.detail;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;

/**
 * A classic hex dump, 16 bytes a line: offset, hex bytes (a gap after 8), ASCII. Knows where
 * each byte's text is, so a field's bytes can be highlighted in both halves.
 */
final class HexDump {

    static final int PER_LINE = 16;
    private static final int PREFIX = 10;                 // "0000001F  "
    private static final int HEX = PER_LINE * 3 + 1;      // "xx " * 16 + gap
    private static final int LINE = PREFIX + HEX + 1 + PER_LINE + 1;

    private HexDump() { }

    static String text(byte[] b, int shown) {
        StringBuilder sb = new StringBuilder(((shown + PER_LINE - 1) / PER_LINE) * LINE);
        for (int line = 0; line * PER_LINE < shown; line++) {
            int base = line * PER_LINE;
            sb.append(String.format("%08X  ", base));
            for (int j = 0; j < PER_LINE; j++) {
                if (base + j < shown) {
                    sb.append(String.format("%02X ", b[base + j] & 0xFF));
                } else {
                    sb.append("   ");
                }
                if (j == 7) {
                    sb.append(' ');
                }
            }
            sb.append(' ');
            for (int j = 0; j < PER_LINE && base + j < shown; j++) {
                int c = b[base + j] & 0xFF;
                sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Character offset of byte {@code i}'s two hex digits. */
    static int hexOffset(int i) {
        int j = i % PER_LINE;
        return (i / PER_LINE) * LINE + PREFIX + j * 3 + (j >= 8 ? 1 : 0);
    }

    /** Character offset of byte {@code i}'s ASCII character. */
    static int asciiOffset(int i) {
        return (i / PER_LINE) * LINE + PREFIX + HEX + 1 + i % PER_LINE;
    }

    /** Style ranges that mark bytes [from, from+length) in both halves, one run per line and half. */
    static List<StyleRange> highlight(int from, int length, Color fg, Color bg) {
        List<StyleRange> hex = new ArrayList<>();
        List<StyleRange> ascii = new ArrayList<>();
        int i = from;
        int end = from + length;
        while (i < end) {
            int lineEnd = Math.min(end, (i / PER_LINE + 1) * PER_LINE);
            int last = lineEnd - 1;
            hex.add(new StyleRange(hexOffset(i), hexOffset(last) + 2 - hexOffset(i), fg, bg));
            ascii.add(new StyleRange(asciiOffset(i), lineEnd - i, fg, bg));
            i = lineEnd;
        }
        List<StyleRange> all = new ArrayList<>(hex);
        all.addAll(ascii);
        all.sort((a, b) -> Integer.compare(a.start, b.start));
        return all;
    }
}
