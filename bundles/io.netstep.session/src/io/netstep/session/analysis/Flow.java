package io.netstep.session.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Bookkeeping of one connection's two byte streams: the bytes, which chip events moved which
 * stream ranges (network side and firmware side), and the decoded events by stream position,
 * so that links down the layers can be drawn by overlap.
 */
final class Flow {

    /** Stream bytes [start, start+length) were moved by {@code event}. */
    record Piece(long start, long length, ProtocolEvent event) {
        boolean overlaps(long from, long to) {
            return start < to && from < start + length;
        }
    }

    static final class Side {
        byte[] data = new byte[1024];
        long size;            // stream bytes known (arrived or sent)
        long fed;             // stream bytes handed to the decoders
        long recvFrom;        // first byte read since the last RECV/SEND command
        int mapPtr = -1;      // 16-bit buffer pointer that corresponds to mapPos
        long mapPos;
        boolean mismatchReported;
        final List<Piece> net = new ArrayList<>();
        final List<Piece> chip = new ArrayList<>();
        final TreeMap<Long, ProtocolEvent> records = new TreeMap<>();
        final List<Piece> appData = new ArrayList<>();
        final List<Piece> decodedLowest = new ArrayList<>(); // records, or MQTT packets without TLS

        void append(byte[] b) {
            if (size + b.length > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(data.length * 2L, size + b.length));
            }
            System.arraycopy(b, 0, data, (int) size, b.length);
            size += b.length;
        }

        byte[] read(long from, long to) {
            return Arrays.copyOfRange(data, (int) from, (int) Math.min(to, size));
        }

        boolean matches(long pos, byte[] b) {
            if (pos < 0 || pos + b.length > size) {
                return false;
            }
            for (int i = 0; i < b.length; i++) {
                if (data[(int) pos + i] != b[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Stream position of a buffer pointer, from the last known pointer/position pair. */
        long position(int ptr, long fallback) {
            if (mapPtr < 0) {
                return fallback;
            }
            int delta = (short) ((ptr - mapPtr) & 0xFFFF);
            return mapPos + delta;
        }

        void mapped(int ptr, int n, long pos) {
            mapPtr = (ptr + n) & 0xFFFF;
            mapPos = pos + n;
        }
    }

    final Side c2s = new Side();
    final Side s2c = new Side();
    Boolean tls;          // null until the first byte tells
    boolean flushing;     // decoding bytes the firmware never read
    boolean ended;

    Side side(Dir d) {
        return d == Dir.C2S ? c2s : s2c;
    }

    static List<ProtocolEvent> overlapping(List<Piece> pieces, long from, long to) {
        List<ProtocolEvent> out = new ArrayList<>();
        for (int i = pieces.size() - 1; i >= 0; i--) {
            Piece p = pieces.get(i);
            if (p.start() + p.length() < from - 65536) {
                break; // pieces come in (nearly) stream order: far behind, nothing earlier overlaps
            }
            if (p.overlaps(from, to) && !out.contains(p.event())) {
                out.add(0, p.event());
            }
        }
        return out;
    }

    static long latest(List<ProtocolEvent> events) {
        long t = -1;
        for (ProtocolEvent e : events) {
            t = Math.max(t, e.virtualNanos());
        }
        return t;
    }
}
