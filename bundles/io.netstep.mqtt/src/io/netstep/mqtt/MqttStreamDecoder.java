package io.netstep.mqtt;

import io.netstep.mqtt.MqttViolation.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decodes the bytes of one direction of an MQTT connection into packets, incrementally: bytes
 * may come in any chunks, down to one at a time, and the packets are the same. A packet is
 * returned (and given to the listeners) when its last byte arrives.
 * <p>
 * When the framing is lost (a Remaining Length longer than 4 bytes, a gap in the stream) the
 * decoder says so once ({@link MqttListener#streamProblem}) and ignores the rest of the
 * direction. It buffers only the bytes of the current packet that actually arrived. No
 * exception escapes {@link #feed}.
 */
public final class MqttStreamDecoder {

    /** The largest Remaining Length the 4-byte encoding can carry (256 MiB - 1). */
    public static final int MAX_REMAINING_LENGTH = 268_435_455;

    private static final int KEEP_BUFFER = 64 * 1024;

    private final MqttConnection connection;
    private final Direction direction;
    private final int maxPacketBytes;
    private final List<MqttListener> listeners = new CopyOnWriteArrayList<>();
    private final List<MqttViolation> streamProblems = new ArrayList<>();

    private long offset;
    private long packetStart;
    private final byte[] header = new byte[5];
    private int headerLen;
    private int remaining = -1;
    private byte[] body = new byte[256];
    private int bodyLen;
    private long skipping;
    private boolean framingLost;
    private boolean ended;

    MqttStreamDecoder(MqttConnection connection, Direction direction, int maxPacketBytes) {
        this.connection = connection;
        this.direction = direction;
        this.maxPacketBytes = Math.max(0, Math.min(maxPacketBytes, MAX_REMAINING_LENGTH));
    }

    public Direction direction() {
        return direction;
    }

    public void addListener(MqttListener l) {
        listeners.add(l);
    }

    public void removeListener(MqttListener l) {
        listeners.remove(l);
    }

    /** Stream offset of the next byte expected. */
    public synchronized long offset() {
        return offset;
    }

    /** Bytes held for the packet in progress (memory accounting): at most twice what arrived of it, at least 256. */
    public synchronized int bufferCapacity() {
        return body.length;
    }

    public synchronized boolean framingLost() {
        return framingLost;
    }

    /** Problems that belong to no complete packet (framing lost, stream ended inside a packet). */
    public synchronized List<MqttViolation> streamProblems() {
        return Collections.unmodifiableList(new ArrayList<>(streamProblems));
    }

    public List<MqttPacket> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** Feeds the next bytes of the stream; returns the packets they complete, in order. */
    public List<MqttPacket> feed(byte[] data, int off, int len) {
        List<MqttPacket> out = new ArrayList<>(2);
        List<MqttViolation> problems = new ArrayList<>(0);
        synchronized (this) {
            feedLocked(data, off, len, out, problems);
        }
        notifyListeners(out, problems);
        return out;
    }

    /**
     * Feeds bytes that start at {@code streamOffset} (e.g. TCP payload by sequence number). Bytes
     * already seen are dropped (retransmission); a gap loses the framing.
     */
    public List<MqttPacket> feed(byte[] data, int off, int len, long streamOffset) {
        List<MqttPacket> out = new ArrayList<>(2);
        List<MqttViolation> problems = new ArrayList<>(0);
        synchronized (this) {
            if (streamOffset > offset) {
                lose("bytes " + offset + " to " + (streamOffset - 1) + " of the stream are missing", problems);
            } else {
                long skip = Math.min(len, offset - streamOffset);
                feedLocked(data, off + (int) skip, len - (int) skip, out, problems);
            }
        }
        notifyListeners(out, problems);
        return out;
    }

    /** The stream ended (connection closed): reports a packet cut short. */
    public void endOfStream() {
        List<MqttViolation> problems = new ArrayList<>(0);
        synchronized (this) {
            if (!ended && !framingLost && (headerLen > 0 || skipping > 0)) {
                int have = headerLen + bodyLen;
                String msg = remaining < 0
                        ? "the stream ends inside a fixed header"
                        : "the stream ends inside a packet: " + bodyLen + " of its " + remaining + " Remaining Length bytes came";
                problem(Kind.TRUNCATED, "2.2.3", "2.1.4", msg, 0, have, problems);
            }
            ended = true;
        }
        notifyListeners(List.of(), problems);
    }

    private void feedLocked(byte[] data, int off, int len, List<MqttPacket> out, List<MqttViolation> problems) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + data.length);
        }
        int i = off;
        int end = off + len;
        try {
            while (i < end && !framingLost) {
                if (skipping > 0) {
                    int n = (int) Math.min(skipping, end - i);
                    skipping -= n;
                    i += n;
                    offset += n;
                    if (skipping == 0) {
                        out.add(skipped());
                    }
                } else if (remaining < 0) {
                    i = headerByte(data[i], i, out, problems);
                } else {
                    int n = Math.min(remaining - bodyLen, end - i);
                    ensure(bodyLen + n);
                    System.arraycopy(data, i, body, bodyLen, n);
                    bodyLen += n;
                    i += n;
                    offset += n;
                    if (bodyLen == remaining) {
                        out.add(complete());
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // A decoder bug must not take the session down: stop this direction, say why.
            lose("internal decoder error at stream offset " + offset + ": " + e, problems);
        }
        if (framingLost) {
            offset += end - i;
        }
    }

    private int headerByte(byte x, int i, List<MqttPacket> out, List<MqttViolation> problems) {
        if (headerLen == 0) {
            packetStart = offset;
        }
        header[headerLen++] = x;
        offset++;
        if (headerLen >= 2) {
            if ((x & 0x80) == 0) {
                int value = 0;
                int mult = 1;
                for (int k = 1; k < headerLen; k++) {
                    value += (header[k] & 0x7F) * mult;
                    mult *= 128;
                }
                remaining = value;
                bodyLen = 0;
                if (remaining > maxPacketBytes) {
                    skipping = remaining;
                    remaining = -1;
                    if (skipping == 0) {
                        out.add(skipped());
                    }
                } else if (remaining == 0) {
                    out.add(complete());
                }
            } else if (headerLen == 5) {
                problem(Kind.FRAMING_LOST, "2.2.3", "2.1.4",
                        "Remaining Length has a fifth byte (at most 4 are allowed): packet boundaries are lost, "
                                + "the rest of this direction is not decoded", 1, 4, problems);
                framingLost = true;
            }
        }
        return i + 1;
    }

    private MqttPacket complete() {
        byte[] bytes = new byte[headerLen + remaining];
        System.arraycopy(header, 0, bytes, 0, headerLen);
        System.arraycopy(body, 0, bytes, headerLen, remaining);
        int level = connection.levelFor(direction, bytes, headerLen);
        MqttPacket p = new MqttPacket(direction, MqttPacketType.of((bytes[0] & 0xFF) >> 4), level, packetStart, bytes, headerLen);
        connection.decode(p);
        reset();
        return p;
    }

    /** A packet too large to keep: only its fixed header is shown. */
    private MqttPacket skipped() {
        byte[] bytes = new byte[headerLen];
        System.arraycopy(header, 0, bytes, 0, headerLen);
        int level = connection.levelFor(direction, bytes, headerLen);
        MqttPacket p = new MqttPacket(direction, MqttPacketType.of((bytes[0] & 0xFF) >> 4), level, packetStart, bytes, headerLen);
        p.bodyKept = false;
        MqttField fh = p.addField(new MqttField("Fixed header", "", 0, headerLen));
        fh.add(new MqttField("Packet type", p.type() + " (" + p.type().value() + ")", 0, 1)).bits(0xF0);
        fh.add(new MqttField("Flags", Display.flagBits(bytes[0]), 0, 1)).bits(0x0F);
        int rl = p.length() - headerLen;
        fh.add(new MqttField("Remaining Length", Integer.toString(rl), 1, headerLen - 1));
        p.addViolation(new MqttViolation(Kind.NOT_DECODED, p.isMqtt5() ? "5.0" : "3.1.1", p.isMqtt5() ? "2.1.4" : "2.2.3",
                "Remaining Length " + rl + " exceeds this decoder's limit of " + maxPacketBytes
                        + " bytes: the body was skipped, not decoded", 1, headerLen - 1, packetStart + 1));
        reset();
        return p;
    }

    private void reset() {
        headerLen = 0;
        remaining = -1;
        bodyLen = 0;
        if (body.length > KEEP_BUFFER) {
            body = new byte[256];
        }
    }

    /** Grows the buffer with the bytes that came, never to more than twice them or the packet's size. */
    private void ensure(int needed) {
        if (needed > body.length) {
            long grown = Math.max(needed, (long) body.length * 2);
            body = java.util.Arrays.copyOf(body, (int) Math.min(grown, remaining));
        }
    }

    private void lose(String message, List<MqttViolation> problems) {
        if (!framingLost) {
            int inPacket = headerLen + bodyLen;
            problem(Kind.FRAMING_LOST, "2.2.3", "2.1.4", message + "; the rest of this direction is not decoded",
                    inPacket, 0, problems);
            framingLost = true;
        }
    }

    private void problem(Kind kind, String rule311, String rule5, String message, int off, int len,
            List<MqttViolation> problems) {
        boolean v5 = connection.protocolLevel() == 5;
        long base = headerLen + bodyLen > 0 || skipping > 0 ? packetStart : offset;
        MqttViolation v = new MqttViolation(kind, v5 ? "5.0" : "3.1.1", v5 ? rule5 : rule311, message, off, len,
                base + off);
        streamProblems.add(v);
        problems.add(v);
    }

    private void notifyListeners(List<MqttPacket> packets, List<MqttViolation> problems) {
        for (MqttListener l : listeners) {
            for (MqttPacket p : packets) {
                l.packet(p);
            }
            for (MqttViolation v : problems) {
                l.streamProblem(direction, v);
            }
        }
    }
}
