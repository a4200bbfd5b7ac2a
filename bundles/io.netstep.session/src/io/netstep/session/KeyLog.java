package io.netstep.session;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS secrets the firmware handed over (NSS key log lines), kept in memory only, for
 * decrypting the session's TLS later. Never printed: {@link #toString} shows the count.
 */
public final class KeyLog {

    private final List<String> lines = new ArrayList<>();

    /** Adds a line; returns how many lines there are now. */
    public synchronized int add(String line) {
        lines.add(line);
        return lines.size();
    }

    public synchronized int size() {
        return lines.size();
    }

    /** A copy of the lines, for a decryptor. Do not log them. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized String toString() {
        return "KeyLog[" + lines.size() + " lines]";
    }
}
