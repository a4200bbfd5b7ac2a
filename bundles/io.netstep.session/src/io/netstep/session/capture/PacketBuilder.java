package io.netstep.session.capture;

/**
 * Ethernet II frames carrying IPv4 with TCP or UDP, with the IPv4 header checksum and the
 * TCP/UDP checksum over the pseudo-header (RFC 791, 793, 768).
 */
final class PacketBuilder {

    static final int ETH_HEADER = 14;
    static final int IP_HEADER = 20;
    static final int TCP_HEADER = 20;
    static final int UDP_HEADER = 8;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private PacketBuilder() { }

    /** One end of a conversation as the frame shows it. */
    record Host(byte[] mac, byte[] ip, int port, int ttl) { }

    /** A TCP segment; {@code mss} &gt; 0 adds the MSS option (on SYNs). */
    static byte[] tcp(Host src, Host dst, int ipId, long seq, long ack, int flags, int window, int mss,
            byte[] data, int off, int len) {
        int opt = mss > 0 ? 4 : 0;
        int l4 = TCP_HEADER + opt + len;
        byte[] f = new byte[ETH_HEADER + IP_HEADER + l4];
        int ip = ethernet(f, src, dst);
        ipv4(f, ip, src, dst, ipId, 6, l4, true);
        int t = ip + IP_HEADER;
        u16(f, t, src.port());
        u16(f, t + 2, dst.port());
        u32(f, t + 4, seq);
        u32(f, t + 8, ack);
        f[t + 12] = (byte) (((TCP_HEADER + opt) / 4) << 4);
        f[t + 13] = (byte) flags;
        u16(f, t + 14, Math.min(window, 0xFFFF));
        if (mss > 0) {
            f[t + 20] = 2;
            f[t + 21] = 4;
            u16(f, t + 22, mss);
        }
        System.arraycopy(data, off, f, t + TCP_HEADER + opt, len);
        u16(f, t + 16, transportChecksum(f, ip, t, l4, 6));
        return f;
    }

    static byte[] udp(Host src, Host dst, int ipId, byte[] data) {
        int l4 = UDP_HEADER + data.length;
        byte[] f = new byte[ETH_HEADER + IP_HEADER + l4];
        int ip = ethernet(f, src, dst);
        ipv4(f, ip, src, dst, ipId, 17, l4, false);
        int u = ip + IP_HEADER;
        u16(f, u, src.port());
        u16(f, u + 2, dst.port());
        u16(f, u + 4, l4);
        System.arraycopy(data, 0, f, u + UDP_HEADER, data.length);
        int sum = transportChecksum(f, ip, u, l4, 17);
        u16(f, u + 6, sum == 0 ? 0xFFFF : sum);   // 0 means "no checksum" in UDP
        return f;
    }

    private static int ethernet(byte[] f, Host src, Host dst) {
        System.arraycopy(dst.mac(), 0, f, 0, 6);
        System.arraycopy(src.mac(), 0, f, 6, 6);
        u16(f, 12, 0x0800);
        return ETH_HEADER;
    }

    private static void ipv4(byte[] f, int o, Host src, Host dst, int id, int protocol, int l4, boolean dontFragment) {
        f[o] = 0x45;
        u16(f, o + 2, IP_HEADER + l4);
        u16(f, o + 4, id & 0xFFFF);
        u16(f, o + 6, dontFragment ? 0x4000 : 0);
        f[o + 8] = (byte) src.ttl();
        f[o + 9] = (byte) protocol;
        System.arraycopy(src.ip(), 0, f, o + 12, 4);
        System.arraycopy(dst.ip(), 0, f, o + 16, 4);
        u16(f, o + 10, fold(sum(f, o, IP_HEADER, 0)));
    }

    private static int transportChecksum(byte[] f, int ip, int l4Start, int l4Len, int protocol) {
        long s = sum(f, ip + 12, 8, 0);     // source and destination address
        s += protocol + l4Len;
        s = sum(f, l4Start, l4Len, s);
        return fold(s);
    }

    /** One's complement sum of 16-bit words (an odd last byte padded with zero). */
    static long sum(byte[] b, int off, int len, long s) {
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if (i < len) {
            s += (b[off + i] & 0xFF) << 8;
        }
        return s;
    }

    static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    static void u16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void u32(byte[] b, int o, long v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
