package io.netstep.net.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a DNS message (RFC 1035 §4) the LAN resolver needs: the header and the first
 * question. Every read is bounds-checked; a bad packet gives an IllegalArgumentException that
 * says what is wrong.
 */
public final class DnsMessage {

    public static final int TYPE_A = 1, TYPE_AAAA = 28, CLASS_IN = 1;
    public static final int RCODE_OK = 0, RCODE_FORMERR = 1, RCODE_SERVFAIL = 2, RCODE_NXDOMAIN = 3, RCODE_NOTIMP = 4;
    static final int HEADER = 12;
    static final int MAX_NAME = 255;

    public int id;
    public int flags;
    public int qdcount, ancount, nscount, arcount;
    public String qname;
    public int qtype;
    public int qclass;
    /** Offset just past the first question: the question section to echo in a reply. */
    int questionEnd;

    public boolean isResponse() { return (flags & 0x8000) != 0; }
    public int opcode() { return (flags >>> 11) & 0xF; }
    public boolean recursionDesired() { return (flags & 0x0100) != 0; }
    public int rcode() { return flags & 0xF; }

    public static DnsMessage parse(byte[] p) {
        if (p == null || p.length < HEADER) throw new IllegalArgumentException("shorter than a DNS header (12 bytes)");
        DnsMessage m = new DnsMessage();
        m.id = u16(p, 0);
        m.flags = u16(p, 2);
        m.qdcount = u16(p, 4);
        m.ancount = u16(p, 6);
        m.nscount = u16(p, 8);
        m.arcount = u16(p, 10);
        if (m.qdcount == 0) { m.questionEnd = HEADER; return m; }
        int[] end = new int[1];
        m.qname = readName(p, HEADER, end);
        int o = end[0];
        if (o + 4 > p.length) throw new IllegalArgumentException("question cut short after the name at offset " + o);
        m.qtype = u16(p, o);
        m.qclass = u16(p, o + 2);
        m.questionEnd = o + 4;
        return m;
    }

    /** Reads a possibly compressed name at {@code off}; {@code end[0]} gets the offset after it in the original place. */
    static String readName(byte[] p, int off, int[] end) {
        StringBuilder name = new StringBuilder();
        int o = off;
        int jumps = 0;
        int afterFirstPointer = -1;
        while (true) {
            if (o >= p.length) throw new IllegalArgumentException("name runs past the end of the packet at offset " + o);
            int len = p[o] & 0xFF;
            if ((len & 0xC0) == 0xC0) {
                if (o + 1 >= p.length) throw new IllegalArgumentException("compression pointer cut short at offset " + o);
                if (++jumps > 16) throw new IllegalArgumentException("compression pointer loop");
                if (afterFirstPointer < 0) afterFirstPointer = o + 2;
                int target = ((len & 0x3F) << 8) | (p[o + 1] & 0xFF);
                if (target >= o) throw new IllegalArgumentException("compression pointer at " + o + " points forward to " + target);
                o = target;
                continue;
            }
            if ((len & 0xC0) != 0) throw new IllegalArgumentException("label type " + (len >>> 6) + " at offset " + o + " is not supported");
            if (len == 0) { o++; break; }
            if (o + 1 + len > p.length) throw new IllegalArgumentException("label at offset " + o + " claims " + len + " bytes past the end");
            if (name.length() > 0) name.append('.');
            for (int i = 0; i < len; i++) {
                int c = p[o + 1 + i] & 0xFF;
                if (c <= 0x20 || c >= 0x7F || c == '.') throw new IllegalArgumentException(String.format("byte 0x%02x in a label at offset %d", c, o + 1 + i));
                name.append((char) c);
            }
            if (name.length() > MAX_NAME) throw new IllegalArgumentException("name longer than 255");
            o += 1 + len;
        }
        end[0] = afterFirstPointer >= 0 ? afterFirstPointer : o;
        return name.toString();
    }

    /** A reply to {@code q}: its question echoed, and one A record (when {@code address} is not null). */
    public static byte[] reply(byte[] query, DnsMessage q, int rcode, byte[] address, int ttl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        w16(out, q.id);
        int flags = 0x8000 | (q.opcode() << 11) | 0x0400 /* AA */ | (q.flags & 0x0100) /* RD */ | 0x0080 /* RA */ | (rcode & 0xF);
        w16(out, flags);
        boolean echo = q.qdcount >= 1 && q.qname != null;
        w16(out, echo ? 1 : 0);
        w16(out, address != null ? 1 : 0);
        w16(out, 0);
        w16(out, 0);
        if (echo) out.write(query, HEADER, q.questionEnd - HEADER);
        if (address != null) {
            w16(out, 0xC000 | HEADER); // the name of the question
            w16(out, TYPE_A);
            w16(out, CLASS_IN);
            w16(out, ttl >>> 16);
            w16(out, ttl);
            w16(out, 4);
            out.writeBytes(address);
        }
        return out.toByteArray();
    }

    /** A standard query for {@code name}, type {@code qtype} (for tests and tools). */
    public static byte[] query(int id, String name, int qtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        w16(out, id);
        w16(out, 0x0100);
        w16(out, 1); w16(out, 0); w16(out, 0); w16(out, 0);
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0 || b.length > 63) throw new IllegalArgumentException("bad label '" + label + "'");
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        w16(out, qtype);
        w16(out, CLASS_IN);
        return out.toByteArray();
    }

    static int u16(byte[] p, int o) { return (p[o] & 0xFF) << 8 | (p[o + 1] & 0xFF); }
    private static void w16(ByteArrayOutputStream o, int v) { o.write(v >>> 8); o.write(v); }
}
