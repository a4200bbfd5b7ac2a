package io.netstep.tls.internal;

import io.netstep.tls.ByteRange;
import io.netstep.tls.ByteSpace;
import java.util.ArrayList;
import java.util.List;

/** Maps offsets in a reassembled buffer back to the stream ranges its bytes came from. */
public final class OffsetMap {
    private final List<long[]> segments = new ArrayList<>(); // {localStart, streamOffset, length, space}
    private int size;

    public static OffsetMap contiguous(ByteSpace space, long streamOffset, int length) {
        OffsetMap m = new OffsetMap();
        m.append(space, streamOffset, length);
        return m;
    }

    public void append(ByteSpace space, long streamOffset, int length) {
        if (length <= 0) {
            return;
        }
        long[] last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last != null && last[3] == space.ordinal() && last[1] + last[2] == streamOffset) {
            last[2] += length;
        } else {
            segments.add(new long[] {size, streamOffset, length, space.ordinal()});
        }
        size += length;
    }

    public int size() {
        return size;
    }

    /** Drops the first {@code n} local bytes (they were consumed); later offsets shift down. */
    public void dropFront(int n) {
        OffsetMap rest = sub(n, size - n);
        segments.clear();
        segments.addAll(rest.segments);
        size = rest.size;
    }

    /** A map for local bytes [from, from+len) renumbered from 0. */
    public OffsetMap sub(int from, int len) {
        OffsetMap m = new OffsetMap();
        for (ByteRange r : ranges(from, len)) {
            m.append(r.space(), r.offset(), r.length());
        }
        return m;
    }

    public List<ByteRange> ranges(int from, int len) {
        List<ByteRange> out = new ArrayList<>(1);
        int remaining = len;
        int pos = from;
        // Binary search for the segment holding 'from': a message cut into many tiny records has
        // many segments, and every field asks for its ranges.
        int lo = 0;
        int hi = segments.size() - 1;
        int first = segments.size();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] s = segments.get(mid);
            if (s[0] + s[2] <= pos) {
                lo = mid + 1;
            } else {
                first = mid;
                hi = mid - 1;
            }
        }
        for (int i = first; i < segments.size() && remaining > 0; i++) {
            long[] s = segments.get(i);
            int take = (int) Math.min(remaining, s[0] + s[2] - pos);
            out.add(new ByteRange(ByteSpace.values()[(int) s[3]], s[1] + (pos - s[0]), take));
            pos += take;
            remaining -= take;
        }
        return out;
    }
}
