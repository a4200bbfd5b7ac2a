package io.netstep.debug.layers;

/**
 * One decoded field of a protocol event: a number ({@code width} bytes, shown in hex and
 * decimal) or a text ({@code number} null).
 */
public record Field(String name, Long number, int width, String text) {

    public static Field number(String name, long value, int width) {
        return new Field(name, value, width, null);
    }

    public static Field text(String name, String text) {
        return new Field(name, null, 0, text);
    }

    /** The same number, with a name for its value ("SOCK_ESTABLISHED"). */
    public Field withText(String meaning) {
        return new Field(name, number, width, meaning);
    }

    /** "0x17 (23)", "0x17 (23) SOCK_ESTABLISHED", or the text. */
    public String display() {
        if (number == null) {
            return text;
        }
        String hex = String.format("0x%0" + Math.max(2, width * 2) + "X", number);
        return text == null ? hex + " (" + number + ")" : hex + " (" + number + ") " + text;
    }
}
