package io.netstep.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decrypted bytes of one direction as a stream, with a map from stream offsets back to the
 * records they came from. The MQTT decoder reads application data from here. Offsets are
 * absolute and never reused; {@link #discardBefore(long)} frees memory a reader no longer needs.
 */
public final class PlaintextStream {
    /** Bytes [streamOffset, streamOffset+length) came from the record at recordWireOffset. */
    public record Segment(long streamOffset, int length, long recordWireOffset, long recordSequenceNumber) {
    }

    private byte[] data = new byte[256];
    private int size; // bytes held
    private long base; // stream offset of data[0]
    private final List<Segment> segments = new ArrayList<>();

    /** Total bytes ever appended: the offset the next byte gets. */
    public long length() {
        return base + size;
    }

    /** Stream offset of the first byte still held. */
    public long start() {
        return base;
    }

    void append(byte[] bytes, long recordWireOffset, long recordSequenceNumber) {
        if (bytes.length == 0) {
            return;
        }
        if (size + bytes.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + bytes.length));
        }
        segments.add(new Segment(length(), bytes.length, recordWireOffset, recordSequenceNumber));
        System.arraycopy(bytes, 0, data, size, bytes.length);
        size += bytes.length;
    }

    /** Bytes [from, from+len), clipped to what is held. */
    public byte[] read(long from, int len) {
        long f = Math.max(from, base);
        long t = Math.min(from + len, length());
        if (t <= f) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) (f - base), (int) (t - base));
    }

    /** All bytes still held. */
    public byte[] bytes() {
        return Arrays.copyOf(data, size);
    }

    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    /** The segment holding a stream offset, or null. */
    public Segment segmentAt(long offset) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Segment s = segments.get(mid);
            if (offset < s.streamOffset()) {
                hi = mid - 1;
            } else if (offset >= s.streamOffset() + s.length()) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        return null;
    }

    /** Forgets bytes before {@code offset} (segments wholly before it too). */
    public void discardBefore(long offset) {
        long cut = Math.min(Math.max(offset, base), length());
        int n = (int) (cut - base);
        System.arraycopy(data, n, data, 0, size - n);
        size -= n;
        base = cut;
        segments.removeIf(s -> s.streamOffset() + s.length() <= cut);
    }
}
