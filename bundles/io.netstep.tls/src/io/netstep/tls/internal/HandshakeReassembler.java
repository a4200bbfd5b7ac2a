package io.netstep.tls.internal;

import io.netstep.tls.ByteSpace;
import java.util.Arrays;

/**
 * Joins handshake fragments of one direction into messages: a message may span records and a
 * record may hold several messages (RFC 8446 section 5.1).
 */
public final class HandshakeReassembler {
    /** Largest handshake message accepted; certificate chains of real servers stay far below. */
    public static final int MAX_MESSAGE = 1 << 18;

    public interface Sink {
        void message(byte[] message, OffsetMap map, boolean decrypted);

        void problem(String reason, boolean stopDirection);
    }

    private final Sink sink;
    private byte[] buf = new byte[64];
    private int held;
    private OffsetMap map = new OffsetMap();
    private ByteSpace space;

    public HandshakeReassembler(Sink sink) {
        this.sink = sink;
    }

    /** Bytes of an incomplete message being held. */
    public int pending() {
        return map.size();
    }

    public void add(byte[] content, ByteSpace contentSpace, long contentOffset) {
        if (map.size() > 0 && space != contentSpace) {
            sink.problem("handshake message split across a key change (" + map.size()
                    + " bytes before it dropped); RFC 8446 section 5.1 forbids this", false);
            clear();
        }
        space = contentSpace;
        if (held + content.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, held + content.length));
        }
        System.arraycopy(content, 0, buf, held, content.length);
        held += content.length;
        map.append(contentSpace, contentOffset, content.length);
        while (held >= 4) {
            int len = (buf[1] & 0xff) << 16 | (buf[2] & 0xff) << 8 | (buf[3] & 0xff);
            if (len > MAX_MESSAGE) {
                sink.problem("handshake message length " + len + " exceeds the decoder's limit of " + MAX_MESSAGE,
                        true);
                clear();
                return;
            }
            if (held < 4 + len) {
                return;
            }
            byte[] msg = Arrays.copyOf(buf, 4 + len);
            OffsetMap msgMap = map.sub(0, 4 + len);
            System.arraycopy(buf, 4 + len, buf, 0, held - 4 - len);
            held -= 4 + len;
            map.dropFront(4 + len);
            sink.message(msg, msgMap, contentSpace == ByteSpace.DECRYPTED);
        }
    }

    public void clear() {
        held = 0;
        map = new OffsetMap();
    }
}
