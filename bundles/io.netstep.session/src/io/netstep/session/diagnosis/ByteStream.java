package io.netstep.session.diagnosis;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a TCP connection as the chip saw it, made of the event log entries that
 * carried its bytes, so that any stream offset can be traced back to its entry.
 */
final class ByteStream {

    /** Bytes of one log entry, starting at {@code offset} in the stream. */
    record Chunk(long seq, long time, long offset, byte[] bytes) {
        long end() {
            return offset + bytes.length;
        }
    }

    private final List<Chunk> chunks = new ArrayList<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    void add(long seq, long time, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        chunks.add(new Chunk(seq, time, all.size(), bytes));
        all.write(bytes, 0, bytes.length);
    }

    long length() {
        return all.size();
    }

    byte[] bytes() {
        return all.toByteArray();
    }

    List<Chunk> chunks() {
        return chunks;
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** The chunk holding stream byte {@code offset}, or null past the end. */
    Chunk chunkAt(long offset) {
        for (Chunk c : chunks) {
            if (offset >= c.offset() && offset < c.end()) {
                return c;
            }
        }
        return null;
    }

    Chunk last() {
        return chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
    }

    /** How many bytes had arrived up to and including log entry {@code seq}. */
    long lengthAt(long seq) {
        long n = 0;
        for (Chunk c : chunks) {
            if (c.seq() > seq) {
                break;
            }
            n = c.end();
        }
        return n;
    }
}
