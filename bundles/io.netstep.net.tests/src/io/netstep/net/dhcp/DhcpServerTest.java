package io.netstep.net.dhcp;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.Ip4;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

public class DhcpServerTest {

    static final byte[] MAC = { 0x00, 0x08, (byte) 0xDC, 0x12, 0x34, 0x56 };

    /** A client message built field by field from RFC 2131 (not with the server's own builder). */
    public static byte[] clientMessage(int type, int xid, byte[] mac, byte[]... extraOptions) {
        byte[] p = new byte[300];
        p[0] = 1; p[1] = 1; p[2] = 6;
        p[4] = (byte) (xid >>> 24); p[5] = (byte) (xid >>> 16); p[6] = (byte) (xid >>> 8); p[7] = (byte) xid;
        p[10] = (byte) 0x80; // broadcast flag, as ioLibrary sets it
        System.arraycopy(mac, 0, p, 28, 6);
        p[236] = 0x63; p[237] = (byte) 0x82; p[238] = 0x53; p[239] = 0x63;
        int o = 240;
        p[o++] = 53; p[o++] = 1; p[o++] = (byte) type;
        for (byte[] opt : extraOptions) {
            System.arraycopy(opt, 0, p, o, opt.length);
            o += opt.length;
        }
        p[o] = (byte) 255;
        return p;
    }

    public static byte[] opt(int code, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return opt(code, b);
    }

    public static byte[] opt(int code, byte[] v) {
        byte[] b = new byte[2 + v.length];
        b[0] = (byte) code;
        b[1] = (byte) v.length;
        System.arraycopy(v, 0, b, 2, v.length);
        return b;
    }

    /** Reads an option straight from reply bytes (independent of DhcpMessage.parse). */
    static byte[] rawOption(byte[] p, int code) {
        int i = 240;
        while (i < p.length && (p[i] & 0xFF) != 255) {
            if (p[i] == 0) { i++; continue; }
            int len = p[i + 1] & 0xFF;
            if ((p[i] & 0xFF) == code) return Arrays.copyOfRange(p, i + 2, i + 2 + len);
            i += 2 + len;
        }
        return null;
    }

    @Test void discoverGetsAnOfferWithTheLanSettings() {
        DhcpServer s = new DhcpServer(3600);
        DhcpServer.Outcome o = s.handle(clientMessage(DhcpMessage.DISCOVER, 0x11223344, MAC));
        byte[] r = o.reply();
        assertNotNull(r);
        assertEquals("OFFER", o.replied());
        assertEquals(2, r[0], "op BOOTREPLY");
        assertArrayEquals(new byte[] { 0x11, 0x22, 0x33, 0x44 }, Arrays.copyOfRange(r, 4, 8), "xid echoed");
        assertArrayEquals(MAC, Arrays.copyOfRange(r, 28, 34), "chaddr echoed");
        byte[] yiaddr = Arrays.copyOfRange(r, 16, 20);
        assertEquals("192.168.77.", Ip4.format(yiaddr).substring(0, 11));
        int host = yiaddr[3] & 0xFF;
        assertTrue(host >= 100 && host <= 199, "pool address, got " + host);
        assertArrayEquals(new byte[] { 0x63, (byte) 0x82, 0x53, 0x63 }, Arrays.copyOfRange(r, 236, 240));
        assertArrayEquals(new byte[] { 2 }, rawOption(r, 53));
        assertArrayEquals(new byte[] { (byte) 192, (byte) 168, 77, 1 }, rawOption(r, 54));
        assertArrayEquals(new byte[] { 0, 0, 0x0E, 0x10 }, rawOption(r, 51), "lease 3600 s");
        assertArrayEquals(new byte[] { (byte) 255, (byte) 255, (byte) 255, 0 }, rawOption(r, 1));
        assertArrayEquals(new byte[] { (byte) 192, (byte) 168, 77, 1 }, rawOption(r, 3));
        assertArrayEquals(new byte[] { (byte) 192, (byte) 168, 77, 1 }, rawOption(r, 6));
        assertTrue(r.length >= 300);
    }

    @Test void requestForTheOfferIsAckedAndTheSameClientKeepsItsAddress() {
        DhcpServer s = new DhcpServer(3600);
        byte[] offered = Arrays.copyOfRange(s.handle(clientMessage(DhcpMessage.DISCOVER, 1, MAC)).reply(), 16, 20);
        DhcpServer.Outcome ack = s.handle(clientMessage(DhcpMessage.REQUEST, 2, MAC,
                opt(50, offered), opt(54, 192, 168, 77, 1)));
        assertEquals("ACK", ack.replied());
        assertArrayEquals(new byte[] { 5 }, rawOption(ack.reply(), 53));
        assertArrayEquals(offered, Arrays.copyOfRange(ack.reply(), 16, 20));
        byte[] again = Arrays.copyOfRange(s.handle(clientMessage(DhcpMessage.DISCOVER, 3, MAC)).reply(), 16, 20);
        assertArrayEquals(offered, again);
        byte[] other = Arrays.copyOfRange(s.handle(clientMessage(DhcpMessage.DISCOVER, 4, new byte[] { 2, 0, 0, 0, 0, 9 })).reply(), 16, 20);
        assertFalse(Arrays.equals(offered, other), "another client gets another address");
    }

    @Test void requestForAWrongAddressIsNakked() {
        DhcpServer s = new DhcpServer(3600);
        s.handle(clientMessage(DhcpMessage.DISCOVER, 1, MAC));
        DhcpServer.Outcome nak = s.handle(clientMessage(DhcpMessage.REQUEST, 2, MAC, opt(50, 10, 0, 0, 5)));
        assertEquals("NAK", nak.replied());
        assertArrayEquals(new byte[] { 6 }, rawOption(nak.reply(), 53));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(nak.reply(), 16, 20), "NAK carries no address");
        DhcpServer.Outcome nak2 = s.handle(clientMessage(DhcpMessage.REQUEST, 3, MAC, opt(50, 192, 168, 77, 150)));
        assertEquals("NAK", nak2.replied(), "not this client's lease");
    }

    @Test void requestNamingAnotherServerIsIgnored() {
        DhcpServer s = new DhcpServer(3600);
        s.handle(clientMessage(DhcpMessage.DISCOVER, 1, MAC));
        DhcpServer.Outcome o = s.handle(clientMessage(DhcpMessage.REQUEST, 2, MAC,
                opt(50, 192, 168, 77, 100), opt(54, 192, 168, 77, 2)));
        assertNull(o.reply());
    }

    @Test void renewingWithCiaddrIsAcked() {
        DhcpServer s = new DhcpServer(3600);
        byte[] offered = Arrays.copyOfRange(s.handle(clientMessage(DhcpMessage.DISCOVER, 1, MAC)).reply(), 16, 20);
        s.handle(clientMessage(DhcpMessage.REQUEST, 2, MAC, opt(50, offered)));
        byte[] renew = clientMessage(DhcpMessage.REQUEST, 3, MAC);
        System.arraycopy(offered, 0, renew, 12, 4);
        DhcpServer.Outcome o = s.handle(renew);
        assertEquals("ACK", o.replied());
        assertArrayEquals(offered, Arrays.copyOfRange(o.reply(), 12, 16), "ciaddr kept");
    }

    @Test void malformedPacketsAreRejectedWithAReason() {
        DhcpServer s = new DhcpServer(3600);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.handle(new byte[100]));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        byte[] badCookie = clientMessage(DhcpMessage.DISCOVER, 1, MAC);
        badCookie[236] = 0;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.handle(badCookie)).getMessage().contains("cookie"));
        byte[] overrun = clientMessage(DhcpMessage.DISCOVER, 1, MAC);
        overrun[243] = 12; overrun[244] = (byte) 250; // option 12 claims 250 bytes
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.handle(Arrays.copyOf(overrun, 260))).getMessage().contains("claims"));
        byte[] noEnd = Arrays.copyOf(clientMessage(DhcpMessage.DISCOVER, 1, MAC), 243);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.handle(noEnd)).getMessage().contains("END"));
    }
}
