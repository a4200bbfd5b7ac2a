package io.netstep.net.dhcp;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DHCP message (RFC 2131 §2 layout, RFC 2132 options): the fixed BOOTP header, the magic
 * cookie and the options. {@link #parse} checks every length against the packet and throws
 * {@link IllegalArgumentException} saying what is wrong; it never reads past the end.
 */
public final class DhcpMessage {

    public static final int BOOTREQUEST = 1, BOOTREPLY = 2;
    public static final int DISCOVER = 1, OFFER = 2, REQUEST = 3, DECLINE = 4, ACK = 5, NAK = 6, RELEASE = 7, INFORM = 8;
    public static final int OPT_PAD = 0, OPT_SUBNET_MASK = 1, OPT_ROUTER = 3, OPT_DNS = 6, OPT_HOSTNAME = 12,
            OPT_REQUESTED_IP = 50, OPT_LEASE_TIME = 51, OPT_MESSAGE_TYPE = 53, OPT_SERVER_ID = 54,
            OPT_PARAM_LIST = 55, OPT_RENEWAL_T1 = 58, OPT_REBINDING_T2 = 59, OPT_CLIENT_ID = 61, OPT_END = 255;
    static final int MAGIC_COOKIE = 0x63825363;
    static final int HEADER = 236;
    /** BOOTP relays and some clients expect at least 300 bytes. */
    static final int MIN_LENGTH = 300;

    public int op = BOOTREQUEST;
    public int htype = 1;
    public int hlen = 6;
    public int hops;
    public int xid;
    public int secs;
    public int flags;
    public byte[] ciaddr = new byte[4];
    public byte[] yiaddr = new byte[4];
    public byte[] siaddr = new byte[4];
    public byte[] giaddr = new byte[4];
    public byte[] chaddr = new byte[16];
    /** Options in order of appearance (code → value); PAD and END are not kept. */
    public final Map<Integer, byte[]> options = new LinkedHashMap<>();

    public static String typeName(int t) {
        return switch (t) {
            case DISCOVER -> "DISCOVER"; case OFFER -> "OFFER"; case REQUEST -> "REQUEST"; case DECLINE -> "DECLINE";
            case ACK -> "ACK"; case NAK -> "NAK"; case RELEASE -> "RELEASE"; case INFORM -> "INFORM";
            default -> "type " + t;
        };
    }

    /** DHCP message type (option 53), or -1 if absent (then it is plain BOOTP). */
    public int messageType() {
        byte[] v = options.get(OPT_MESSAGE_TYPE);
        return v == null || v.length != 1 ? -1 : v[0] & 0xFF;
    }

    public byte[] option(int code) {
        return options.get(code);
    }

    /** The client's hardware address as {@code aa:bb:cc:dd:ee:ff} (hlen bytes of chaddr). */
    public String mac() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(hlen, 16); i++) {
            if (i > 0) b.append(':');
            b.append(String.format("%02x", chaddr[i] & 0xFF));
        }
        return b.toString();
    }

    public static DhcpMessage parse(byte[] p) {
        if (p == null) throw new IllegalArgumentException("no packet");
        if (p.length < HEADER + 4) throw new IllegalArgumentException("too short for DHCP: " + p.length + " bytes (need ≥ 240)");
        DhcpMessage m = new DhcpMessage();
        m.op = p[0] & 0xFF;
        m.htype = p[1] & 0xFF;
        m.hlen = p[2] & 0xFF;
        m.hops = p[3] & 0xFF;
        if (m.op != BOOTREQUEST && m.op != BOOTREPLY) throw new IllegalArgumentException("op " + m.op + " is neither BOOTREQUEST nor BOOTREPLY");
        if (m.hlen > 16) throw new IllegalArgumentException("hlen " + m.hlen + " > 16");
        m.xid = u32(p, 4);
        m.secs = u16(p, 8);
        m.flags = u16(p, 10);
        System.arraycopy(p, 12, m.ciaddr, 0, 4);
        System.arraycopy(p, 16, m.yiaddr, 0, 4);
        System.arraycopy(p, 20, m.siaddr, 0, 4);
        System.arraycopy(p, 24, m.giaddr, 0, 4);
        System.arraycopy(p, 28, m.chaddr, 0, 16);
        if (u32(p, HEADER) != MAGIC_COOKIE) throw new IllegalArgumentException(String.format("magic cookie %08x, expected 63825363", u32(p, HEADER)));
        int i = HEADER + 4;
        boolean ended = false;
        while (i < p.length) {
            int code = p[i] & 0xFF;
            if (code == OPT_PAD) { i++; continue; }
            if (code == OPT_END) { ended = true; break; }
            if (i + 1 >= p.length) throw new IllegalArgumentException("option " + code + " at offset " + i + " has no length byte");
            int len = p[i + 1] & 0xFF;
            if (i + 2 + len > p.length)
                throw new IllegalArgumentException("option " + code + " at offset " + i + " claims " + len + " bytes, only " + (p.length - i - 2) + " left");
            byte[] v = new byte[len];
            System.arraycopy(p, i + 2, v, 0, len);
            m.options.putIfAbsent(code, v);
            i += 2 + len;
        }
        if (!ended) throw new IllegalArgumentException("options end without END (255)");
        byte[] t = m.options.get(OPT_MESSAGE_TYPE);
        if (t != null && t.length != 1) throw new IllegalArgumentException("option 53 length " + t.length + ", must be 1");
        return m;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_LENGTH);
        out.write(op); out.write(htype); out.write(hlen); out.write(hops);
        w32(out, xid); w16(out, secs); w16(out, flags);
        out.writeBytes(ciaddr); out.writeBytes(yiaddr); out.writeBytes(siaddr); out.writeBytes(giaddr);
        out.writeBytes(chaddr);
        out.writeBytes(new byte[64 + 128]); // sname, file
        w32(out, MAGIC_COOKIE);
        for (Map.Entry<Integer, byte[]> e : options.entrySet()) {
            out.write(e.getKey()); out.write(e.getValue().length); out.writeBytes(e.getValue());
        }
        out.write(OPT_END);
        while (out.size() < MIN_LENGTH) out.write(0);
        return out.toByteArray();
    }

    public DhcpMessage option(int code, byte... value) {
        if (value.length > 255) throw new IllegalArgumentException("option " + code + " longer than 255");
        options.put(code, value.clone());
        return this;
    }

    static int u16(byte[] p, int o) { return (p[o] & 0xFF) << 8 | (p[o + 1] & 0xFF); }
    static int u32(byte[] p, int o) { return (p[o] & 0xFF) << 24 | (p[o + 1] & 0xFF) << 16 | (p[o + 2] & 0xFF) << 8 | (p[o + 3] & 0xFF); }
    private static void w16(ByteArrayOutputStream o, int v) { o.write(v >>> 8); o.write(v); }
    private static void w32(ByteArrayOutputStream o, int v) { o.write(v >>> 24); o.write(v >>> 16); o.write(v >>> 8); o.write(v); }
    static byte[] be32(int v) { return new byte[] { (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v }; }
}
