package io.netstep.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One direction of a connection as far as a log shows it: the bytes in stream order, the log
 * line each byte came from, and the gaps where the log lost bytes (a truncated hex dump).
 */
public final class ByteStream {

    /** Bytes the log announced but did not show; everything after {@code offset} is out of step by {@code missing}. */
    public record Gap(int offset, int missing, int line, String reason) {
    }

    private byte[] data = new byte[64];
    private int[] lines = new int[64];
    private int length;
    private final List<Gap> gaps = new ArrayList<>();

    void append(byte b, int line) {
        if (length == data.length) {
            data = Arrays.copyOf(data, length * 2);
            lines = Arrays.copyOf(lines, length * 2);
        }
        data[length] = b;
        lines[length++] = line;
    }

    void gap(int missing, int line, String reason) {
        gaps.add(new Gap(length, missing, line, reason));
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte[] bytes() {
        return Arrays.copyOf(data, length);
    }

    public byte[] bytes(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    /** The log line (1-based) of the byte at {@code offset}, or -1 outside the stream. */
    public int lineAt(long offset) {
        return offset < 0 || offset >= length ? -1 : lines[(int) offset];
    }

    /** Lines of the bytes {@code [offset, offset+len)}: first and last, or {-1,-1}. */
    public int[] linesOf(long offset, long len) {
        if (len <= 0 || offset < 0 || offset >= length) {
            return new int[] {-1, -1};
        }
        long last = Math.min(length - 1L, offset + len - 1);
        return new int[] {lines[(int) offset], lines[(int) last]};
    }

    public List<Gap> gaps() {
        return Collections.unmodifiableList(gaps);
    }

    /** Length of the part before the first gap: the bytes a decoder can frame reliably. */
    public int contiguousLength() {
        return gaps.isEmpty() ? length : gaps.get(0).offset();
    }
}
