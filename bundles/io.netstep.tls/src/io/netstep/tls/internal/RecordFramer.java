package io.netstep.tls.internal;

/**
 * Cuts one direction's byte stream into TLS records (RFC 8446 section 5.1), from any chunking.
 * Buffers at most one record. Bytes that cannot be a record stop the direction: there is no
 * way to find the next record boundary after them.
 */
public final class RecordFramer {
    /** Largest TLSCiphertext fragment of TLS 1.2 (RFC 5246 6.2.3): 2^14 + 2048. */
    public static final int MAX_FRAGMENT = (1 << 14) + 2048;
    private static final int HEADER = 5;

    public interface Sink {
        void record(long wireOffset, int contentType, int version, byte[] fragment);

        /** The direction cannot be framed any further. */
        void stop(long wireOffset, String reason);
    }

    private final Sink sink;
    private final byte[] buf = new byte[HEADER + MAX_FRAGMENT];
    private int held;
    private long heldOffset; // wire offset of buf[0]
    private boolean stopped;
    private long ignored;

    public RecordFramer(Sink sink) {
        this.sink = sink;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Bytes fed after the direction stopped. */
    public long ignoredBytes() {
        return ignored;
    }

    /** Wire offset of the next byte to be fed. */
    public long wireLength() {
        return heldOffset + held + ignored;
    }

    /** Bytes of an incomplete record being held. */
    public int pending() {
        return held;
    }

    /** Header of the incomplete record, if at least 5 bytes are held: {type, version, length}; else null. */
    public int[] pendingHeader() {
        if (held < HEADER) {
            return null;
        }
        return new int[] {buf[0] & 0xff, (buf[1] & 0xff) << 8 | (buf[2] & 0xff), (buf[3] & 0xff) << 8 | (buf[4] & 0xff)};
    }

    public void feed(byte[] data, int off, int len) {
        while (len > 0) {
            if (stopped) {
                ignored += len;
                return;
            }
            int want = held < HEADER ? HEADER - held : HEADER + fragmentLength() - held;
            int take = Math.min(want, len);
            System.arraycopy(data, off, buf, held, take);
            held += take;
            off += take;
            len -= take;
            if (held == HEADER && !checkHeader()) {
                ignored += len;
                return;
            }
            if (held >= HEADER && held == HEADER + fragmentLength()) {
                emit();
            }
        }
    }

    private int fragmentLength() {
        return (buf[3] & 0xff) << 8 | (buf[4] & 0xff);
    }

    private boolean checkHeader() {
        int type = buf[0] & 0xff;
        int major = buf[1] & 0xff;
        int length = fragmentLength();
        String reason = null;
        if (type < 20 || type > 24) {
            reason = "content type " + type + " is not a TLS record type (bytes " + Hex.of(buf, 0, HEADER)
                    + "); not TLS, or the stream lost sync";
        } else if (major != 3) {
            reason = "legacy_record_version 0x" + Hex.of(buf, 1, 2) + " is not 3.x";
        } else if (length > MAX_FRAGMENT) {
            reason = "record length " + length + " exceeds 2^14+2048 = " + MAX_FRAGMENT + " (record_overflow)";
        }
        if (reason != null) {
            stopped = true;
            ignored += held;
            held = 0;
            sink.stop(heldOffset, reason);
            return false;
        }
        return true;
    }

    private void emit() {
        byte[] fragment = java.util.Arrays.copyOfRange(buf, HEADER, held);
        long at = heldOffset;
        int type = buf[0] & 0xff;
        int version = (buf[1] & 0xff) << 8 | (buf[2] & 0xff);
        heldOffset += held;
        held = 0;
        sink.record(at, type, version, fragment);
    }
}
