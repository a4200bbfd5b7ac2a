package io.netstep.net;

import java.util.Arrays;

/** IPv4 addresses as the chip sees them: 4 bytes, or an int in network order. */
public final class Ip4 {
    private Ip4() { }

    public static int toInt(byte[] a) {
        if (a == null || a.length != 4) throw new IllegalArgumentException("IPv4 address must be 4 bytes");
        return (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
    }

    public static byte[] toBytes(int a) {
        return new byte[] { (byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a };
    }

    public static String format(byte[] a) {
        if (a == null || a.length != 4) return String.valueOf(Arrays.toString(a));
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    public static String format(int a) {
        return format(toBytes(a));
    }

    /** Parses a dotted quad; null when {@code s} is not one (so callers can treat it as a name). */
    public static byte[] parseOrNull(String s) {
        if (s == null) return null;
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3) return null;
            for (char c : p[i].toCharArray()) if (c < '0' || c > '9') return null;
            int v = Integer.parseInt(p[i]);
            if (v > 255) return null;
            out[i] = (byte) v;
        }
        return out;
    }

    public static byte[] parse(String s) {
        byte[] b = parseOrNull(s);
        if (b == null) throw new IllegalArgumentException("not an IPv4 address: " + s);
        return b;
    }

    public static boolean isLoopback(byte[] a) {
        return a != null && a.length == 4 && (a[0] & 0xFF) == 127;
    }

    public static boolean isBroadcast(byte[] a) {
        return a != null && a.length == 4 && toInt(a) == 0xFFFFFFFF;
    }
}
