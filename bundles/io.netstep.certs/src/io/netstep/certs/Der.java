package io.netstep.certs;

/** DER framing facts, without parsing the content. */
public final class Der {
    private Der() { }

    /** True when the bytes start like a DER SEQUENCE (every certificate and key). */
    public static boolean looksLikeDer(byte[] b, int length) {
        return length >= 2 && (b[0] & 0xff) == 0x30 && ((b[1] & 0xff) < 0x80 || ((b[1] & 0xff) >= 0x81 && (b[1] & 0xff) <= 0x84));
    }

    /** The total length (tag + length + content) the outer DER header announces, or -1 when it is not DER. */
    public static int declaredLength(byte[] b) {
        return declaredLength(b, b.length);
    }

    public static int declaredLength(byte[] b, int length) {
        if (!looksLikeDer(b, length)) return -1;
        int l0 = b[1] & 0xff;
        if (l0 < 0x80) return 2 + l0;
        int n = l0 & 0x7f;
        if (length < 2 + n) return -1;
        long len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | (b[2 + i] & 0xff);
        long total = 2 + n + len;
        return total > Integer.MAX_VALUE ? -1 : (int) total;
    }
}
