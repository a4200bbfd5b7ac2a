package io.netstep.mqtt;

import java.nio.charset.StandardCharsets;

/** UTF-8 checks of section 1.5.3 (3.1.1) / 1.5.4 (5.0): well-formed per RFC 3629, no surrogates, no overlongs. */
final class Utf8 {

    private Utf8() {
    }

    static String decode(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** Position of the first byte that starts an ill-formed sequence, or -1. */
    static int firstIllFormed(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + n >= end) {
                return i; // cut short
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += n + 1;
        }
        return -1;
    }

    static boolean isWellFormed(byte[] b) {
        return firstIllFormed(b, 0, b.length) < 0;
    }

    /** The string in quotes, control characters escaped so that a display stays on one line. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7F || ch == '"' || ch == '\\') {
                if (ch == '"' || ch == '\\') {
                    sb.append('\\').append(ch);
                } else {
                    sb.append(String.format("\\u%04x", (int) ch));
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
