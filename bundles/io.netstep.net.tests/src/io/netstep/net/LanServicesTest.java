package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.dhcp.DhcpMessage;
import io.netstep.net.dhcp.DhcpServerTest;
import io.netstep.net.dns.DnsMessage;

import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DHCP and DNS as the chip meets them: UDP datagrams through the HostNetwork interface. */
class LanServicesTest {

    static final byte[] ZERO = new byte[4];
    static final byte[] BROADCAST = { -1, -1, -1, -1 };
    static final byte[] GATEWAY = { (byte) 192, (byte) 168, 77, 1 };

    NetHarness h = new NetHarness(new NetworkOptions().map("broker.test=127.0.0.1:18883").map("*.iot.*.amazonaws.com=127.0.0.1:8883"));

    @AfterEach void close() {
        h.close();
    }

    @Test void dhcpExchangeOverUdp() {
        byte[] mac = { 0x00, 0x08, (byte) 0xDC, 1, 2, 3 };
        h.onChip(() -> {
            h.net.udpOpen(0, 68);
            h.net.udpSend(0, ZERO, 68, BROADCAST, 67, DhcpServerTest.clientMessage(DhcpMessage.DISCOVER, 42, mac));
        });
        h.awaitChip("OFFER", c -> c.count("udp") == 1);
        ChipRecorder.Call offer = h.onChip(() -> h.chip.last("udp"));
        assertArrayEquals(GATEWAY, offer.ip(), "from the server");
        assertEquals(67, offer.port());
        assertArrayEquals(BROADCAST, offer.dstIp(), "a client without an address gets the OFFER as a broadcast");
        DhcpMessage m = DhcpMessage.parse(offer.data());
        assertEquals(DhcpMessage.OFFER, m.messageType());
        assertEquals(42, m.xid);
        byte[] yiaddr = m.yiaddr;
        h.onChip(() -> h.net.udpSend(0, ZERO, 68, BROADCAST, 67, DhcpServerTest.clientMessage(DhcpMessage.REQUEST, 43, mac,
                DhcpServerTest.opt(50, yiaddr), DhcpServerTest.opt(54, GATEWAY))));
        h.awaitChip("ACK", c -> c.count("udp") == 2);
        DhcpMessage ack = DhcpMessage.parse(h.onChip(() -> h.chip.last("udp")).data());
        assertEquals(DhcpMessage.ACK, ack.messageType());
        assertArrayEquals(yiaddr, ack.yiaddr);
        NetworkEvent.Dhcp e = h.awaitEvent(NetworkEvent.Dhcp.class, d -> d.reply().equals("ACK"));
        assertEquals("00:08:dc:01:02:03", e.clientMac());
        assertEquals(Ip4.format(yiaddr), e.address());
    }

    @Test void malformedDhcpIsReportedAndIgnored() {
        h.onChip(() -> {
            h.net.udpOpen(0, 68);
            h.net.udpSend(0, ZERO, 68, BROADCAST, 67, new byte[] { 1, 2, 3 });
        });
        NetworkEvent.Malformed e = h.awaitEvent(NetworkEvent.Malformed.class, m -> m.protocol().equals("DHCP"));
        assertTrue(e.problem().contains("too short"));
        h.onChip(h.net::pump);
        assertEquals(0, h.onChip(() -> h.chip.count("udp")));
    }

    @Test void dnsAnswersMappedNamesAndNxdomainOtherwise() {
        byte[] chipIp = { (byte) 192, (byte) 168, 77, 100 };
        h.onChip(() -> {
            h.net.udpOpen(1, 3000);
            h.net.udpSend(1, chipIp, 3000, GATEWAY, 53, DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A));
            h.net.udpSend(1, ZERO, 3000, GATEWAY, 53, DnsMessage.query(2, "a1b2-ats.iot.us-east-1.amazonaws.com", DnsMessage.TYPE_A));
            h.net.udpSend(1, ZERO, 3000, GATEWAY, 53, DnsMessage.query(3, "unknown.example", DnsMessage.TYPE_A));
            h.net.udpSend(1, ZERO, 3000, GATEWAY, 53, DnsMessage.query(4, "broker.test", DnsMessage.TYPE_A));
        });
        h.awaitChip("4 DNS answers", c -> c.count("udp") == 4);
        var answers = h.onChip(() -> h.chip.calls.stream().filter(c -> c.what().equals("udp")).toList());
        byte[] a1 = answers.get(0).data();
        assertArrayEquals(GATEWAY, answers.get(0).ip());
        assertEquals(53, answers.get(0).port());
        assertArrayEquals(chipIp, answers.get(0).dstIp(), "answered to the chip's address");
        byte[] addr1 = Arrays.copyOfRange(a1, a1.length - 4, a1.length);
        assertEquals("198.18.0.1", Ip4.format(addr1));
        byte[] a2 = answers.get(1).data();
        assertEquals("198.18.0.2", Ip4.format(Arrays.copyOfRange(a2, a2.length - 4, a2.length)));
        assertEquals(3, answers.get(2).data()[3] & 0xF, "NXDOMAIN");
        byte[] a4 = answers.get(3).data();
        assertArrayEquals(addr1, Arrays.copyOfRange(a4, a4.length - 4, a4.length), "a name keeps its address");
        NetworkEvent.Dns nx = h.awaitEvent(NetworkEvent.Dns.class, d -> d.name().equals("unknown.example"));
        assertNull(nx.address());
        assertTrue(nx.source().contains("--allow-external"), nx.source());
    }

    @Test void dnsAtAHardCodedServerIsAnsweredFromThatAddress() {
        byte[] google = { 8, 8, 8, 8 };
        h.onChip(() -> {
            h.net.udpOpen(1, 3000);
            h.net.udpSend(1, ZERO, 3000, google, 53, DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A));
        });
        h.awaitChip("answer", c -> c.count("udp") == 1);
        assertArrayEquals(google, h.onChip(() -> h.chip.last("udp")).ip());
    }

    @Test void dnsOnlyOnTheLanWhenAskedTo() {
        NetHarness strict = new NetHarness(new NetworkOptions().map("broker.test=127.0.0.1:1").answerAnyDnsServer(false));
        try {
            strict.onChip(() -> {
                strict.net.udpOpen(1, 3000);
                strict.net.udpSend(1, ZERO, 3000, new byte[] { 8, 8, 8, 8 }, 53, DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A));
            });
            NetworkEvent.Dropped d = strict.awaitEvent(NetworkEvent.Dropped.class, x -> x.why().contains("8.8.8.8"));
            assertTrue(d.why().contains("not mapped"), d.why());
            assertEquals(0, strict.onChip(() -> strict.chip.count("udp")));
        } finally {
            strict.close();
        }
    }

    @Test void arpOnTheLanFindsOnlyTheGateway() {
        assertTrue(h.net.arpAnswers(GATEWAY));
        assertFalse(h.net.arpAnswers(new byte[] { (byte) 192, (byte) 168, 77, 100 }),
                "nobody else holds the chip's leased address: ioLibrary's conflict probe must time out");
        assertFalse(h.net.arpAnswers(new byte[] { (byte) 192, (byte) 168, 77, 42 }));
        assertTrue(h.net.arpAnswers(new byte[] { 10, 0, 0, 1 }), "a gateway the firmware set up itself");
        assertFalse(h.net.arpAnswers(new byte[3]));
    }

    @Test void malformedDnsIsReportedAndIgnored() {
        byte[] q = DnsMessage.query(1, "broker.test", DnsMessage.TYPE_A);
        byte[] bad = Arrays.copyOf(q, 15);
        h.onChip(() -> {
            h.net.udpOpen(1, 3000);
            h.net.udpSend(1, ZERO, 3000, GATEWAY, 53, bad);
        });
        NetworkEvent.Malformed e = h.awaitEvent(NetworkEvent.Malformed.class, m -> m.protocol().equals("DNS"));
        assertArrayEquals(bad, e.packet());
        h.onChip(h.net::pump);
        assertEquals(0, h.onChip(() -> h.chip.count("udp")));
    }
}
