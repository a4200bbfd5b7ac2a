package io.netstep.serial;

import java.io.ByteArrayOutputStream;

/** Reads the bytes of one hex dump line in the forms debug logs use. */
final class HexLines {

    /** Bytes of an offset-addressed line ({@code 0010:  16 03 03 ...  ascii}), or null. */
    record Addressed(int offset, byte[] bytes) {
    }

    private HexLines() {
    }

    /**
     * mbedTLS {@code mbedtls_debug_print_buf} lines: a 4+ digit hex offset, a colon, then bytes
     * each preceded by one space; the ASCII column follows after two or more spaces.
     */
    static Addressed addressed(String s) {
        int colon = s.indexOf(':');
        if (colon < 4 || colon > 8) {
            return null;
        }
        int offset = 0;
        for (int i = 0; i < colon; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            offset = offset * 16 + d;
        }
        int i = colon + 1;
        int spaces = 0;
        while (i < s.length() && s.charAt(i) == ' ' && spaces < 2) {
            i++;
            spaces++;
        }
        if (spaces == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        while (i + 1 < s.length() && isHex(s.charAt(i)) && isHex(s.charAt(i + 1))
                && (i + 2 == s.length() || s.charAt(i + 2) == ' ')) {
            out.write(Character.digit(s.charAt(i), 16) * 16 + Character.digit(s.charAt(i + 1), 16));
            i += 2;
            // one space then another byte continues the line; two spaces start the ASCII column
            if (i + 1 < s.length() && s.charAt(i) == ' ' && s.charAt(i + 1) != ' ') {
                i++;
            } else {
                break;
            }
        }
        if (out.size() == 0) {
            return null;
        }
        return new Addressed(offset, out.toByteArray());
    }

    /**
     * A line of bare hex bytes ({@code 16 03 03 00 3D}, wolfSSL's {@code 16 03 01 | ...}):
     * every token two hex digits, optionally an ASCII column after {@code |}. Null otherwise.
     */
    static byte[] bare(String s) {
        int bar = s.indexOf('|');
        String hex = bar >= 0 ? s.substring(0, bar) : s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        int i = 0;
        int n = hex.length();
        while (i < n) {
            char c = hex.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (i + 1 < n && isHex(c) && isHex(hex.charAt(i + 1))
                    && (i + 2 == n || hex.charAt(i + 2) == ' ' || hex.charAt(i + 2) == '\t' || hex.charAt(i + 2) == ',')) {
                out.write(Character.digit(c, 16) * 16 + Character.digit(hex.charAt(i + 1), 16));
                i += 2;
            } else if (c == '0' && i + 3 < n && (hex.charAt(i + 1) == 'x' || hex.charAt(i + 1) == 'X')
                    && isHex(hex.charAt(i + 2)) && isHex(hex.charAt(i + 3))) {
                out.write(Character.digit(hex.charAt(i + 2), 16) * 16 + Character.digit(hex.charAt(i + 3), 16));
                i += 4;
            } else {
                return null;
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
