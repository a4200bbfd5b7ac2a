package io.netstep.mqtt;

/** How values read in displays. */
final class Display {

    static final int MAX_SHOWN = 64;

    private Display() {
    }

    static String hex(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(data.length, max);
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", data[i] & 0xFF));
        }
        if (data.length > max) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** Binary Data: its length and hex. */
    static String binary(byte[] data) {
        return data.length + " bytes" + (data.length == 0 ? "" : ": " + hex(data, MAX_SHOWN));
    }

    /** A payload: as text when it is printable UTF-8, else as hex. */
    static String payload(byte[] data) {
        if (data.length > 0 && Utf8.isWellFormed(data) && printable(data)) {
            String s = Utf8.decode(data, 0, data.length);
            String shown = s.length() > MAX_SHOWN * 4 ? s.substring(0, MAX_SHOWN * 4) + "…" : s;
            return data.length + " bytes: " + Utf8.quote(shown);
        }
        return binary(data);
    }

    private static boolean printable(byte[] data) {
        for (byte x : data) {
            int c = x & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static String code(int code, String name) {
        return String.format("0x%02X %s", code, name);
    }

    static String flagBits(int flags) {
        String s = Integer.toBinaryString(flags & 0x0F);
        return "0000".substring(s.length()) + s;
    }
}
