package io.netstep.net.dns;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DnsServerTest {

    final DnsServer server = new DnsServer(name -> name.equals("broker.test")
            ? new DnsServer.Answer(new byte[] { (byte) 198, 18, 0, 1 }, "map") : new DnsServer.Answer(null, "none"));

    static int u16(byte[] p, int o) { return (p[o] & 0xFF) << 8 | (p[o + 1] & 0xFF); }

    @Test void aQueryForAMappedNameGetsOneARecord() {
        byte[] q = DnsMessage.query(0xBEEF, "broker.test", DnsMessage.TYPE_A);
        byte[] r = server.handle(q).reply();
        assertEquals(0xBEEF, u16(r, 0), "id echoed");
        assertEquals(0x8000, u16(r, 2) & 0x8000, "QR");
        assertEquals(0, u16(r, 2) & 0xF, "NOERROR");
        assertEquals(1, u16(r, 4));
        assertEquals(1, u16(r, 6), "one answer");
        int ans = q.length; // the question is echoed unchanged
        assertArrayEquals(Arrays.copyOfRange(q, 12, q.length), Arrays.copyOfRange(r, 12, ans));
        assertEquals(0xC00C, u16(r, ans), "name points at the question");
        assertEquals(1, u16(r, ans + 2));
        assertEquals(1, u16(r, ans + 4));
        assertEquals(4, u16(r, ans + 10));
        assertArrayEquals(new byte[] { (byte) 198, 18, 0, 1 }, Arrays.copyOfRange(r, ans + 12, ans + 16));
    }

    @Test void unknownNameIsNxdomain() {
        DnsServer.Outcome o = server.handle(DnsMessage.query(7, "nowhere.example", DnsMessage.TYPE_A));
        assertEquals(3, u16(o.reply(), 2) & 0xF);
        assertEquals(0, u16(o.reply(), 6));
        assertNull(o.address());
    }

    @Test void aaaaForAKnownNameIsAnEmptyAnswer() {
        byte[] r = server.handle(DnsMessage.query(8, "broker.test", DnsMessage.TYPE_AAAA)).reply();
        assertEquals(0, u16(r, 2) & 0xF);
        assertEquals(0, u16(r, 6));
    }

    @Test void namesAreCaseInsensitive() {
        assertNotNull(server.handle(DnsMessage.query(9, "Broker.TEST", DnsMessage.TYPE_A)).address());
    }

    @Test void malformedQueriesAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> server.handle(new byte[5]));
        byte[] q = DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A);
        byte[] cut = Arrays.copyOf(q, 16);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.handle(cut)).getMessage().contains("past the end"));
        byte[] loop = Arrays.copyOf(q, 18);
        loop[12] = (byte) 0xC0; loop[13] = 12; // a pointer to itself
        assertThrows(IllegalArgumentException.class, () -> server.handle(loop));
        byte[] noType = Arrays.copyOf(q, q.length - 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.handle(noType)).getMessage().contains("cut short"));
    }

    @Test void responsesAreNotAnswered() {
        byte[] q = DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A);
        q[2] |= (byte) 0x80;
        assertNull(server.handle(q).reply());
    }
}
