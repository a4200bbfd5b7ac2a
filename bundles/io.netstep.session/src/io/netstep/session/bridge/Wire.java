package io.netstep.session.bridge;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bridge wire format (docs/contracts.md): every message is an 8-byte header
 * {@code u8 type | u8 flags | u16 reserved (0) | u32 length (LE)} and {@code length}
 * payload bytes. Multi-byte numbers are little endian.
 */
public final class Wire {

    public static final int VERSION = 1;

    public static final int HELLO = 0x01;
    public static final int FRAME = 0x02;
    public static final int MILLIS = 0x03;
    public static final int KEYLOG = 0x04;
    public static final int BYE = 0x05;
    public static final int HELLO_OK = 0x81;
    public static final int FRAME_OK = 0x82;
    public static final int MILLIS_OK = 0x83;
    public static final int ERROR = 0xFF;

    /** FRAME flags. */
    public static final int FLAG_SELECT = 0x01;
    public static final int FLAG_DESELECT = 0x02;
    /** FRAME_OK flags. */
    public static final int FLAG_INT = 0x01;

    /** Largest payload (and FRAME read length) the server accepts. */
    public static final int MAX_LENGTH = 1 << 20;

    public static final int HEADER = 8;

    private Wire() { }

    /** A message as read off the wire. */
    public record Message(int type, int flags, int reserved, byte[] payload) { }

    public static String typeName(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case FRAME -> "FRAME";
            case MILLIS -> "MILLIS";
            case KEYLOG -> "KEYLOG";
            case BYE -> "BYE";
            case HELLO_OK -> "HELLO_OK";
            case FRAME_OK -> "FRAME_OK";
            case MILLIS_OK -> "MILLIS_OK";
            case ERROR -> "ERROR";
            default -> String.format("0x%02X", type);
        };
    }

    /** Writes one message with a single write call (header and payload together). */
    public static void writeMessage(OutputStream out, int type, int flags, byte[] payload) throws IOException {
        byte[] m = new byte[HEADER + payload.length];
        m[0] = (byte) type;
        m[1] = (byte) flags;
        putU32(m, 4, payload.length);
        System.arraycopy(payload, 0, m, HEADER, payload.length);
        out.write(m);
        out.flush();
    }

    /**
     * Reads the next header, or returns null at a clean end of stream (before its first byte).
     * Throws {@link BridgeProtocolException} for a cut-short header.
     */
    public static byte[] readHeader(InputStream in) throws IOException {
        byte[] h = new byte[HEADER];
        int n = readUpTo(in, h, HEADER);
        if (n == 0) {
            return null;
        }
        if (n < HEADER) {
            throw new BridgeProtocolException("truncated message: the stream ended after " + n + " of 8 header bytes");
        }
        return h;
    }

    /** Reads {@code buf.length} bytes or throws {@link EOFException} saying how many came. */
    public static void readFully(InputStream in, byte[] buf) throws IOException {
        int n = readUpTo(in, buf, buf.length);
        if (n < buf.length) {
            throw new EOFException(String.valueOf(n));
        }
    }

    private static int readUpTo(InputStream in, byte[] buf, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int r = in.read(buf, got, len - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void putU32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    public static void putU64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    public static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFFL);
        }
        return v;
    }
}
