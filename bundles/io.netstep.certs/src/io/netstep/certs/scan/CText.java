package io.netstep.certs.scan;

import java.util.Arrays;

/**
 * A C source file with its comments blanked out (line breaks kept, string and character
 * literals untouched), so regular expressions see only code and offsets map to lines.
 */
public final class CText {

    private final String code;
    private final int[] lineStarts;

    public CText(String source) {
        this.code = stripComments(source);
        int n = 1;
        for (int i = 0; i < source.length(); i++) if (source.charAt(i) == '\n') n++;
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < source.length(); i++) if (source.charAt(i) == '\n') lineStarts[k++] = i + 1;
    }

    public String code() {
        return code;
    }

    /** 1-based line of an offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    static String stripComments(String s) {
        StringBuilder b = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    if (s.charAt(j) == '\\' && j + 1 < n) j++;
                    j++;
                }
                i = j + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    // a line comment continued by a trailing backslash goes on: rare, ignored
                    b.setCharAt(i, ' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int j = i; j < end; j++) if (s.charAt(j) != '\n') b.setCharAt(j, ' ');
                i = end;
            } else {
                i++;
            }
        }
        return b.toString();
    }
}
