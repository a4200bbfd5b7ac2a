package io.netstep.session.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small pcap and pcapng files by hand (either byte order), for the reader's tests. */
final class CaptureFiles {

    private CaptureFiles() { }

    /** A packet: time in epoch nanoseconds and the frame. */
    record Pkt(long nanos, byte[] frame) { }

    static byte[] pcap(ByteOrder order, boolean nanos, int linkType, Pkt... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType);
        out.writeBytes(h.array());
        for (Pkt p : packets) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long sec = p.nanos() / 1_000_000_000L;
            long frac = p.nanos() % 1_000_000_000L;
            r.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(p.frame().length).putInt(p.frame().length);
            out.writeBytes(r.array());
            out.writeBytes(p.frame());
        }
        return out.toByteArray();
    }

    /** A pcapng section builder. */
    static final class Ng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;

        Ng section(ByteOrder o) {
            order = o;
            ByteBuffer b = start(0x0A0D0D0A, 16);
            b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return end(b);
        }

        /** An interface; {@code tsresol} &lt; 0: no option (microseconds). */
        Ng iface(int linkType, int tsresol) {
            int opts = tsresol < 0 ? 0 : 12;
            ByteBuffer b = start(1, 8 + opts);
            b.putShort((short) linkType).putShort((short) 0).putInt(0);
            if (tsresol >= 0) {
                b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
            }
            return end(b);
        }

        Ng epb(int iface, long ts, byte[] frame) {
            ByteBuffer b = start(6, 20 + pad(frame.length));
            b.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(frame.length).putInt(frame.length);
            b.put(frame);
            return end(b);
        }

        Ng spb(byte[] frame) {
            ByteBuffer b = start(3, 4 + pad(frame.length));
            b.putInt(frame.length).put(frame);
            return end(b);
        }

        Ng dsb(String keylog) {
            byte[] s = keylog.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer b = start(0x0A, 8 + pad(s.length));
            b.putInt(0x544c534b).putInt(s.length).put(s);
            return end(b);
        }

        Ng raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer start(int type, int body) {
            ByteBuffer b = ByteBuffer.allocate(12 + body).order(order);
            b.putInt(type).putInt(12 + body);
            return b;
        }

        private Ng end(ByteBuffer b) {
            b.position(b.capacity() - 4);
            b.putInt(b.capacity());
            out.writeBytes(b.array());
            return this;
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }
}
