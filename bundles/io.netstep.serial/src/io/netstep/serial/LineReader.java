package io.netstep.serial;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a log into lines at LF, CR LF or a lone CR (terminals differ); very long lines are cut
 * into pieces so that binary noise without line ends cannot grow a line without bound.
 */
final class LineReader {

    static final int MAX_LINE = 8192;

    private final Reader in;
    private final StringBuilder sb = new StringBuilder();
    private boolean pendingCr;
    private boolean eof;

    LineReader(Reader in) {
        this.in = in;
    }

    String next() throws IOException {
        if (eof) {
            return null;
        }
        sb.setLength(0);
        while (true) {
            int c = in.read();
            if (c < 0) {
                eof = true;
                return sb.length() == 0 ? null : sb.toString();
            }
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n') {
                return sb.toString();
            }
            if (c == '\r') {
                pendingCr = true;
                return sb.toString();
            }
            sb.append((char) c);
            if (sb.length() >= MAX_LINE) {
                return sb.toString();
            }
        }
    }
}
