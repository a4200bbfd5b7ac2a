package io.netstep.ui.registers;

import io.netstep.session.Session;
import io.netstep.ui.registers.RegisterSet.Reg;
import io.netstep.w5500.Registers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A snapshot of every register's bytes, read with {@link Session#peek} (no side effects). */
final class RegisterValues {

    private final Map<Reg, byte[]> values = new HashMap<>();

    static RegisterValues read(Session session) {
        RegisterValues v = new RegisterValues();
        for (RegisterSet.Group g : RegisterSet.GROUPS) {
            for (Reg r : g.registers()) {
                byte[] b = new byte[r.width()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) session.peek(r.block(), r.offset() + i);
                }
                v.values.put(r, b);
            }
        }
        return v;
    }

    byte[] get(Reg r) {
        return values.get(r);
    }

    /** Big-endian value (W5500 multi-byte registers are MSB first). */
    long number(Reg r) {
        long n = 0;
        for (byte b : values.get(r)) {
            n = n << 8 | (b & 0xFF);
        }
        return n;
    }

    boolean differs(Reg r, RegisterValues other) {
        return other != null && !java.util.Arrays.equals(values.get(r), other.values.get(r));
    }

    /** Raw value: 0x-hex of the whole width. */
    String hex(Reg r) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : values.get(r)) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    /** What the value means, where the datasheet gives it a reading. */
    String meaning(Reg r) {
        byte[] b = values.get(r);
        if (r.isAddress()) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
        }
        if (r.isMac()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < b.length; i++) {
                sb.append(i == 0 ? "" : ":").append(String.format("%02X", b[i] & 0xFF));
            }
            return sb.toString();
        }
        int v = (int) number(r);
        switch (r.name()) {
            case "Sn_SR":
                return Registers.stateName(v);
            case "Sn_MR":
                return switch (v & Registers.Sn_MR_P) {
                    case Registers.Sn_MR_CLOSE -> "CLOSE";
                    case Registers.Sn_MR_TCP -> "TCP";
                    case Registers.Sn_MR_UDP -> "UDP";
                    case Registers.Sn_MR_MACRAW -> "MACRAW";
                    default -> "P=" + (v & Registers.Sn_MR_P);
                };
            case "Sn_RXBUF_SIZE":
            case "Sn_TXBUF_SIZE":
                int bytes = Registers.bufferBytes(v);
                return bytes < 0 ? "not a datasheet size" : bytes / 1024 + " KB";
            case "RTR":
                return String.format(Locale.ROOT, "%.1f ms", v / 10.0);
            default:
                return r.width() == 2 ? Integer.toString(v) : "";
        }
    }

    /**
     * Parses what a user typed for a register: hex (0x…), decimal, a dotted IPv4 address for
     * address registers, a MAC (with ':' or '-') for hardware addresses.
     *
     * @throws IllegalArgumentException with a message for people
     */
    static byte[] parse(Reg r, String text) {
        String t = text.trim();
        byte[] out = new byte[r.width()];
        if (r.isAddress() && t.contains(".")) {
            return parts(t.split("\\."), 10, r);
        }
        if (r.isMac() && (t.contains(":") || t.contains("-"))) {
            return parts(t.split("[:-]"), 16, r);
        }
        long v;
        try {
            v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(r.label() + ": \"" + text + "\" is not a number (use 0x.. or decimal)");
        }
        if (v < 0 || (r.width() < 8 && v >= 1L << (8 * r.width()))) {
            throw new IllegalArgumentException(r.label() + " is " + r.width() + " byte(s): " + text + " does not fit");
        }
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    private static byte[] parts(String[] p, int radix, Reg r) {
        if (p.length != r.width()) {
            throw new IllegalArgumentException(r.label() + " needs " + r.width() + " parts, got " + p.length);
        }
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            int n;
            try {
                n = Integer.parseInt(p[i].trim(), radix);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(r.label() + ": \"" + p[i] + "\" is not a number");
            }
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException(r.label() + ": " + p[i] + " is not a byte");
            }
            out[i] = (byte) n;
        }
        return out;
    }
}
