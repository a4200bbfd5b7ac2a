package io.netstep.tls.names;

import java.util.HashMap;
import java.util.Map;

/** A code → IANA name table. */
public final class NameTable {
    private final String registry;
    private final int hexDigits;
    private final Map<Integer, String> names = new HashMap<>();

    NameTable(String registry, int hexDigits, Object... codesAndNames) {
        this.registry = registry;
        this.hexDigits = hexDigits;
        for (int i = 0; i < codesAndNames.length; i += 2) {
            String previous = names.put((Integer) codesAndNames[i], (String) codesAndNames[i + 1]);
            if (previous != null) {
                throw new IllegalStateException(registry + ": duplicate code " + codesAndNames[i]);
            }
        }
    }

    public String registry() {
        return registry;
    }

    /** The registered name, or null when the code is not in the table. */
    public String nameOrNull(int code) {
        return names.get(code);
    }

    /** The registered name, or "unknown(0x…)". */
    public String name(int code) {
        String n = names.get(code);
        return n != null ? n : "unknown(" + hex(code) + ")";
    }

    /** "name (0x…)" for display. */
    public String display(int code) {
        return name(code) + " (" + hex(code) + ")";
    }

    /** Reverse lookup; -1 when unknown. */
    public int code(String name) {
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }

    public int size() {
        return names.size();
    }

    private String hex(int code) {
        // Not String.format: this runs for every field of every record.
        char[] c = new char[2 + hexDigits];
        c[0] = '0';
        c[1] = 'x';
        for (int i = hexDigits - 1, v = code; i >= 0; i--, v >>>= 4) {
            c[2 + i] = Character.forDigit(v & 0xf, 16);
        }
        return new String(c);
    }

    /** RFC 8701 GREASE values: 0x?a?a with both bytes equal. */
    public static boolean isGrease(int code) {
        return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
    }
}
