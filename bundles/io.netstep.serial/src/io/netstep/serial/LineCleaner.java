package io.netstep.serial;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the prefixes off a log line, whatever the terminal or logger added: timestamps
 * ({@code [00:00:12.345]}, {@code 12:00:01.123}, {@code 2024-01-02 12:00:01}), ESP-IDF
 * ({@code I (1234) mbedtls: }), level tags ({@code DBG:}), colour escapes, the mbedTLS debug
 * callback's {@code file.c:1234: |2| } and the context pointer {@code 0x20001234: }.
 */
final class LineCleaner {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern BRACKET_TIME = Pattern.compile("^\\[\\s*(\\d+(?:[:.]\\d+)*(?:\\s*(?:ms|s))?)\\s*\\]\\s*");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?)(?:Z)?:?\\s+");
    private static final Pattern CLOCK = Pattern.compile("^(\\d{1,2}:\\d\\d:\\d\\d(?:[.,]\\d+)?)(?:\\s*->)?:?\\s+");
    private static final Pattern ESP_IDF = Pattern.compile("^[IWEDV] \\((\\d+)\\) [\\w.\\-]+:\\s?");
    private static final Pattern LEVEL_TAG = Pattern.compile(
            "^(?:DBG|DEBUG|TRACE|INFO|LOG|<[DIWE]>|\\[(?:DBG|DEBUG|INFO|TRACE)\\])\\s*[:>]?\\s+");
    private static final Pattern MBEDTLS_PREFIX = Pattern.compile(
            "^([\\w\\-./\\\\]+\\.c)[:(](\\d+)\\)?:?\\s*(?:\\|(\\d)\\|)?\\s*");
    private static final Pattern POINTER = Pattern.compile("^(0x[0-9a-fA-F]{4,16}):\\s");

    private LineCleaner() {
    }

    static CleanLine clean(int number, String raw) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = strip(s);
        String timestamp = null;
        String context = null;
        String file = null;
        int level = -1;
        for (int round = 0; round < 8; round++) {
            Matcher m;
            if ((m = BRACKET_TIME.matcher(s)).find() || (m = DATE_TIME.matcher(s)).find()
                    || (m = CLOCK.matcher(s)).find()) {
                timestamp = timestamp == null ? m.group(1) : timestamp;
            } else if ((m = ESP_IDF.matcher(s)).find()) {
                timestamp = timestamp == null ? m.group(1) : timestamp;
            } else if ((m = LEVEL_TAG.matcher(s)).find()) {
                // nothing to keep
            } else if (file == null && (m = MBEDTLS_PREFIX.matcher(s)).find() && m.end() < s.length()) {
                file = m.group(1);
                level = m.group(3) == null ? -1 : m.group(3).charAt(0) - '0';
            } else if (context == null && (m = POINTER.matcher(s)).find()) {
                context = m.group(1).toLowerCase();
            } else {
                break;
            }
            s = s.substring(m.end());
        }
        return new CleanLine(number, raw, s, timestamp, context, level, file);
    }

    /** Trims blanks at both ends and a trailing CR or NUL; other control characters stay (noise is reported). */
    static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t' || s.charAt(a) == 0)) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t' || s.charAt(b - 1) == '\r' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(a, b);
    }
}
