package io.netstep.certs.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a C initializer the way the compiler does: adjacent string literals concatenated
 * with their escapes decoded, or a brace list of byte values. Keeps, for every byte, the
 * source line it came from, so a broken base64 character can be named by line.
 */
public final class CLiteral {

    /** A problem the compiler would only warn about (or not at all). */
    public record Note(int line, String message) { }

    /**
     * @param bytes   the data as written (string: without the compiler's NUL)
     * @param lines   source line of each byte
     * @param string  true for string literals, false for a brace list of numbers
     * @param end     offset just after the initializer
     */
    public record Parsed(byte[] bytes, int[] lines, boolean string, int end, List<Note> notes) { }

    private CLiteral() { }

    /** Parses at {@code pos} (just after '='); null when the initializer is neither a literal nor a byte list. */
    public static Parsed parse(String code, int pos, CText text, boolean macro) {
        int p = skipSpace(code, pos, macro);
        if (p < code.length() && code.charAt(p) == '{') {
            int q = skipSpace(code, p + 1, macro);
            if (q < code.length() && code.charAt(q) == '"') {
                Parsed s = strings(code, q, text, macro);
                if (s == null) return null;
                int r = skipSpace(code, s.end(), macro);
                if (r < code.length() && code.charAt(r) == ',') r = skipSpace(code, r + 1, macro);
                return r < code.length() && code.charAt(r) == '}' ? new Parsed(s.bytes(), s.lines(), true, r + 1, s.notes()) : null;
            }
            return bytes(code, p + 1, text);
        }
        return strings(code, p, text, macro);
    }

    private static int skipSpace(String code, int p, boolean macro) {
        while (p < code.length()) {
            char c = code.charAt(p);
            if (c == '\\' && p + 1 < code.length() && (code.charAt(p + 1) == '\n' || code.charAt(p + 1) == '\r')) {
                p += code.charAt(p + 1) == '\r' && p + 2 < code.length() && code.charAt(p + 2) == '\n' ? 3 : 2;
            } else if (c == '\n' && macro) {
                return p;
            } else if (Character.isWhitespace(c)) {
                p++;
            } else {
                return p;
            }
        }
        return p;
    }

    private static Parsed strings(String code, int p, CText text, boolean macro) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> lines = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        boolean any = false;
        while (true) {
            p = skipSpace(code, p, macro);
            if (code.startsWith("u8\"", p)) p += 2;
            if (p >= code.length() || code.charAt(p) != '"') break;
            any = true;
            int i = p + 1;
            while (true) {
                if (i >= code.length() || code.charAt(i) == '\n') {
                    notes.add(new Note(text.lineOf(p), "a string literal is not closed on its line"));
                    return null;
                }
                char c = code.charAt(i);
                int line = text.lineOf(i);
                if (c == '"') {
                    i++;
                    break;
                }
                if (c != '\\') {
                    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                        out.write(b);
                        lines.add(line);
                    }
                    i++;
                    continue;
                }
                i = escape(code, i, line, out, lines, notes);
            }
            p = i;
        }
        if (!any) return null;
        return new Parsed(out.toByteArray(), lines.stream().mapToInt(Integer::intValue).toArray(), true, p, notes);
    }

    /** Decodes the escape at {@code i} (a backslash); returns the offset after it. */
    private static int escape(String code, int i, int line, ByteArrayOutputStream out, List<Integer> lines, List<Note> notes) {
        char e = i + 1 < code.length() ? code.charAt(i + 1) : 0;
        int v;
        int next = i + 2;
        switch (e) {
            case 'n' -> v = '\n';
            case 'r' -> v = '\r';
            case 't' -> v = '\t';
            case 'v' -> v = 0x0b;
            case 'b' -> v = '\b';
            case 'f' -> v = '\f';
            case 'a' -> v = 0x07;
            case '\\', '"', '\'', '?' -> v = e;
            case 'x' -> {
                int j = i + 2;
                v = 0;
                while (j < code.length() && Character.digit(code.charAt(j), 16) >= 0) v = v * 16 + Character.digit(code.charAt(j++), 16);
                if (j == i + 2) notes.add(new Note(line, "\\x without hex digits"));
                if (j - (i + 2) > 2) notes.add(new Note(line, "\\x escape with " + (j - i - 2) + " hex digits: the compiler reads "
                        + "all of them as one character (out of range)"));
                next = j;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    v = 0;
                    while (j < code.length() && j < i + 4 && code.charAt(j) >= '0' && code.charAt(j) <= '7') v = v * 8 + (code.charAt(j++) - '0');
                    next = j;
                } else {
                    notes.add(new Note(line, "unknown escape \\" + e + ": the compiler keeps just '" + e + "' (and only warns)"));
                    v = e;
                }
            }
        }
        out.write(v & 0xff);
        lines.add(line);
        return next;
    }

    private static Parsed bytes(String code, int p, CText text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> lines = new ArrayList<>();
        java.util.regex.Matcher num = java.util.regex.Pattern
                .compile("\\G\\s*(?:\\(\\s*(?:const\\s+)?(?:unsigned\\s+char|uint8_t|char|byte|BYTE)\\s*\\)\\s*)?"
                        + "(0[xX][0-9a-fA-F]+|[0-9]+|'(?:\\\\.[0-9a-fA-F]*|[^'\\\\])')[uUlL]*\\s*([,}])")
                .matcher(code);
        int i = p;
        while (true) {
            int ws = i;
            while (ws < code.length() && Character.isWhitespace(code.charAt(ws))) ws++;
            if (ws < code.length() && code.charAt(ws) == '}') return done(out, lines, ws + 1);
            if (!num.find(i)) return null;
            String t = num.group(1);
            long v;
            if (t.startsWith("'")) {
                String inner = t.substring(1, t.length() - 1);
                v = inner.startsWith("\\") ? (inner.length() > 1 && inner.charAt(1) == 'x' ? Long.parseLong(inner.substring(2), 16)
                        : inner.charAt(1) >= '0' && inner.charAt(1) <= '7' ? Long.parseLong(inner.substring(1), 8) : inner.charAt(1)) : inner.charAt(0);
            } else if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t, 8);
            } else {
                v = Long.parseLong(t);
            }
            out.write((int) (v & 0xff));
            lines.add(text.lineOf(num.start(1)));
            i = num.end();
            if (num.group(2).equals("}")) return done(out, lines, i);
        }
    }

    private static Parsed done(ByteArrayOutputStream out, List<Integer> lines, int end) {
        return new Parsed(out.toByteArray(), lines.stream().mapToInt(Integer::intValue).toArray(), false, end, List.of());
    }
}
