package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.dhcp.DhcpMessage;
import io.netstep.net.dhcp.DhcpServerTest;
import io.netstep.net.dns.DnsMessage;
import io.netstep.w5500.W5500;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real W5500 model on the virtual network, driven over SPI the way ioLibrary does:
 * DHCP, the leased-address conflict probe, DNS, then TCP through the chip's 2 KB rings to a
 * loopback echo server.
 */
class ChipIntegrationTest {

    static final byte[] MAC = { 0x00, 0x08, (byte) 0xDC, 0x0A, 0x0B, 0x0C };
    static final byte[] BROADCAST = { -1, -1, -1, -1 };
    static final byte[] GATEWAY = { (byte) 192, (byte) 168, 77, 1 };

    final AtomicLong clock = new AtomicLong(5_000_000_000L);
    final ExecutorService chipThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "chip"));
    VirtualNetwork net;
    W5500 chip;
    SpiDriver spi;
    LoopbackPeer peer;

    @AfterEach void close() throws Exception {
        if (net != null) net.close();
        if (peer != null) peer.close();
        chipThread.shutdownNow();
    }

    <T> T onChip(Callable<T> c) throws Exception {
        return chipThread.submit(c).get(NetHarness.PATIENCE_MS, TimeUnit.MILLISECONDS);
    }

    /** Polls on the chip thread (a tick each time, as the session does) until {@code done}. */
    void until(String what, BooleanSupplier done) throws Exception {
        long end = System.currentTimeMillis() + NetHarness.PATIENCE_MS;
        while (System.currentTimeMillis() < end) {
            if (onChip(() -> { chip.tick(); net.tick(); return done.getAsBoolean(); })) return;
            NetHarness.sleep();
        }
        fail("gave up waiting for " + what);
    }

    /** One UDP datagram from the RX ring: [header(8) | data]. */
    byte[] udpReceive(int sn) throws Exception {
        until("a datagram on socket " + sn, () -> spi.rxSize(sn) >= 8);
        return onChip(() -> {
            byte[] head = spi.recv(sn, 8);
            int len = (head[6] & 0xFF) << 8 | (head[7] & 0xFF);
            byte[] data = spi.recv(sn, len);
            byte[] all = Arrays.copyOf(head, 8 + len);
            System.arraycopy(data, 0, all, 8, len);
            return all;
        });
    }

    @Test void dhcpDnsAndTcpThroughTheChip() throws Exception {
        peer = LoopbackPeer.echo();
        net = new VirtualNetwork(new NetworkOptions().map("broker.test=127.0.0.1:" + peer.port()), clock::get, chipThread, NetworkListener.NONE);
        chip = new W5500(clock::get, net);
        net.attach(chip);
        spi = new SpiDriver(chip);

        // DHCP over socket 0 (port 68 → 255.255.255.255:67)
        onChip(() -> {
            spi.write(0, SpiDriver.SHAR, MAC);
            spi.open(0, SpiDriver.MODE_UDP, 68);
            spi.destination(0, BROADCAST, 67);
            spi.send(0, DhcpServerTest.clientMessage(DhcpMessage.DISCOVER, 0x1234, MAC));
            return null;
        });
        byte[] offerDatagram = udpReceive(0);
        assertArrayEquals(GATEWAY, Arrays.copyOfRange(offerDatagram, 0, 4), "from the DHCP server");
        assertEquals(67, (offerDatagram[4] & 0xFF) << 8 | (offerDatagram[5] & 0xFF));
        DhcpMessage offer = DhcpMessage.parse(Arrays.copyOfRange(offerDatagram, 8, offerDatagram.length));
        assertEquals(DhcpMessage.OFFER, offer.messageType());
        byte[] leased = offer.yiaddr;
        onChip(() -> {
            spi.send(0, DhcpServerTest.clientMessage(DhcpMessage.REQUEST, 0x1235, MAC,
                    DhcpServerTest.opt(50, leased), DhcpServerTest.opt(54, GATEWAY)));
            return null;
        });
        DhcpMessage ack = DhcpMessage.parse(Arrays.copyOfRange(udpReceive(0), 8, 8 + 300));
        assertEquals(DhcpMessage.ACK, ack.messageType());
        assertArrayEquals(leased, ack.yiaddr);
        onChip(() -> {
            spi.write(0, SpiDriver.SIPR, leased);
            spi.write(0, SpiDriver.GAR, GATEWAY);
            spi.write(0, SpiDriver.SUBR, new byte[] { -1, -1, -1, 0 });
            // ioLibrary's conflict probe: a datagram to the leased address must time out (nobody else has it)
            spi.clearInterrupts(0, 0xFF);
            spi.destination(0, leased, 5000);
            spi.send(0, "CHECK_IP_CONFLICT".getBytes());
            return null;
        });
        for (int i = 0; i < 1900 && onChip(() -> (spi.interrupts(0) & 0x08) == 0); i++) {
            clock.addAndGet(1_000_000L); // RTR 200 ms × (RCR 8 + 1) = 1.8 s of virtual time
            onChip(() -> { chip.tick(); net.tick(); return null; });
        }
        assertEquals(0x08, onChip(() -> spi.interrupts(0)) & 0x08, "Sn_IR TIMEOUT: the leased address is free");

        // DNS over socket 1
        onChip(() -> {
            spi.open(1, SpiDriver.MODE_UDP, 3000);
            spi.destination(1, GATEWAY, 53);
            spi.send(1, DnsMessage.query(77, "broker.test", DnsMessage.TYPE_A));
            return null;
        });
        byte[] dns = udpReceive(1);
        byte[] brokerIp = Arrays.copyOfRange(dns, dns.length - 4, dns.length);
        assertEquals("198.18.0.1", Ip4.format(brokerIp));

        // TCP over socket 2 through the 2 KB rings: 20 KB out and echoed back
        onChip(() -> {
            spi.open(2, SpiDriver.MODE_TCP, 50000);
            return null;
        });
        assertEquals(SpiDriver.SOCK_INIT, onChip(() -> spi.status(2)));
        onChip(() -> {
            spi.destination(2, brokerIp, 8883);
            spi.command(2, SpiDriver.CONNECT);
            return null;
        });
        until("ESTABLISHED", () -> spi.status(2) == SpiDriver.SOCK_ESTABLISHED);
        byte[] payload = new byte[20_000];
        new Random(3).nextBytes(payload);
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        int[] sent = { 0 };
        long end = System.currentTimeMillis() + NetHarness.PATIENCE_MS;
        while (back.size() < payload.length && System.currentTimeMillis() < end) {
            onChip(() -> {
                chip.tick();
                net.tick();
                int free = spi.txFree(2);
                if (sent[0] < payload.length && free > 0) {
                    int n = Math.min(free, Math.min(1000, payload.length - sent[0]));
                    spi.send(2, Arrays.copyOfRange(payload, sent[0], sent[0] + n));
                    sent[0] += n;
                }
                int rsr = spi.rxSize(2);
                if (rsr > 0) back.writeBytes(spi.recv(2, rsr));
                return null;
            });
        }
        assertArrayEquals(payload, back.toByteArray(), "all bytes back, in order, through 2 KB rings");
        assertEquals(1, peer.accepted.get());
    }
}
