package io.netstep.tls.internal;

/** Hex helpers (lower case, no separators). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String of(byte[] b) {
        return of(b, 0, b.length);
    }

    public static String of(byte[] b, int off, int len) {
        char[] c = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = DIGITS[v >>> 4];
            c[2 * i + 1] = DIGITS[v & 0xf];
        }
        return new String(c);
    }

    /** Hex of at most {@code max} bytes, with "…(N bytes)" when cut. */
    public static String preview(byte[] b, int off, int len, int max) {
        if (len <= max) {
            return of(b, off, len);
        }
        return of(b, off, max) + "…(" + len + " bytes)";
    }

    /** Parses even-length hex; returns null when it is not hex. */
    public static byte[] parse(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public static String u16(int v) {
        return "0x" + of(new byte[] {(byte) (v >> 8), (byte) v});
    }
}
