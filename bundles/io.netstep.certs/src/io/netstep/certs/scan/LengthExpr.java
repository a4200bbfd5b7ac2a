package io.netstep.certs.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the length expressions people pass with certificate buffers:
 * {@code sizeof(ca)}, {@code sizeof ca - 1}, {@code strlen((const char *) ca) + 1},
 * {@code CA_LEN}, {@code ca_len}, {@code 1234}. Remembers how the value was made, because
 * "strlen without + 1" is the mistake, not the number.
 */
public final class LengthExpr {

    /** What the evaluator needs to know about names. */
    public interface Names {
        /** sizeof of an array (or the pointer size for pointers), or null. */
        Long sizeOf(String name);

        /** strlen of a string array, or null. */
        Long strlenOf(String name);

        boolean isPointer(String name);

        /** The expression of a constant, or null. */
        String constant(String name);
    }

    /**
     * @param value         the number, or null when it cannot be worked out
     * @param strlen        strlen(...) appears and nothing is added to it
     * @param sizeofPointer sizeof was applied to a pointer
     * @param text          the expression as written, with constants expanded once
     */
    public record Value(Long value, boolean strlen, boolean sizeofPointer, String text) { }

    private static final Pattern TOKEN = Pattern.compile("\\s*(0[xX][0-9a-fA-F]+[uUlL]*|[0-9]+[uUlL]*|[A-Za-z_]\\w*|\\S)");
    private static final Pattern TYPE_WORD = Pattern.compile("const|unsigned|signed|char|int|long|short|size_t|uint8_t|uint16_t|uint32_t"
            + "|word32|word16|byte|BYTE|u8|void|\\*");

    private final List<String> tokens = new ArrayList<>();
    private final Names names;
    private final int depth;
    private int pos;
    private boolean sawStrlen;
    private boolean sawPlusAfterStrlen;
    private boolean sawSizeofPointer;

    private LengthExpr(String expr, Names names, int depth) {
        Matcher m = TOKEN.matcher(expr);
        while (m.find()) tokens.add(stripSuffix(m.group(1)));
        this.names = names;
        this.depth = depth;
    }

    private static String stripSuffix(String t) {
        return Character.isDigit(t.charAt(0)) ? t.replaceAll("[uUlL]+$", "") : t;
    }

    public static Value evaluate(String expr, Names names) {
        return evaluate(expr, names, 0);
    }

    private static Value evaluate(String expr, Names names, int depth) {
        LengthExpr e = new LengthExpr(expr, names, depth);
        Long v;
        try {
            v = e.sum();
            if (e.pos != e.tokens.size()) v = null;
        } catch (RuntimeException ex) {
            v = null;
        }
        return new Value(v, e.sawStrlen && !e.sawPlusAfterStrlen, e.sawSizeofPointer, expr.trim());
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private Long sum() {
        Long v = term();
        while (peek().equals("+") || peek().equals("-")) {
            String op = tokens.get(pos++);
            if (sawStrlen && op.equals("+")) sawPlusAfterStrlen = true;
            Long r = term();
            v = v == null || r == null ? null : op.equals("+") ? v + r : v - r;
        }
        return v;
    }

    private Long term() {
        String t = peek();
        if (t.equals("(")) {
            int save = pos;
            pos++;
            boolean cast = false;
            while (TYPE_WORD.matcher(peek()).matches()) {
                pos++;
                cast = true;
            }
            if (cast && peek().equals(")")) {
                pos++;
                return term();
            }
            pos = save + 1;
            Long v = sum();
            expect(")");
            return v;
        }
        if (t.equals("sizeof")) {
            pos++;
            String name;
            if (peek().equals("(")) {
                pos++;
                name = tokens.get(pos++);
                expect(")");
            } else {
                name = tokens.get(pos++);
            }
            if (names.isPointer(name)) sawSizeofPointer = true;
            return names.sizeOf(name);
        }
        if (t.equals("strlen")) {
            pos++;
            expect("(");
            while (peek().equals("(")) { // a cast
                pos++;
                while (!peek().equals(")")) pos++;
                pos++;
            }
            String name = tokens.get(pos++);
            expect(")");
            sawStrlen = true;
            return names.strlenOf(name);
        }
        pos++;
        if (Character.isDigit(t.charAt(0))) return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        if (t.matches("[A-Za-z_]\\w*")) {
            String c = names.constant(t);
            if (c == null || depth > 8) return null;
            Value inner = evaluate(c, names, depth + 1);
            sawStrlen |= inner.strlen();
            sawSizeofPointer |= inner.sizeofPointer();
            return inner.value();
        }
        throw new IllegalArgumentException("unexpected " + t);
    }

    private void expect(String s) {
        if (!peek().equals(s)) throw new IllegalArgumentException("expected " + s);
        pos++;
    }
}
