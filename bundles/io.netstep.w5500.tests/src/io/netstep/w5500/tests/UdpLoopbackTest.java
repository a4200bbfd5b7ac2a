package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.LoopbackNetwork;
import io.netstep.w5500.W5500;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UDP through real datagram sockets on 127.0.0.1: framing, both rings across their edges and 16-bit wrap. */
class UdpLoopbackTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();

    final ManualClock clock = new ManualClock();
    final Events events = new Events();
    LoopbackNetwork net;
    W5500 chip;
    Spi spi;
    DatagramSocket peer;
    int chipPort;

    @BeforeEach
    void setUp() throws Exception {
        net = new LoopbackNetwork();
        chip = new W5500(clock, net);
        net.attach(chip);
        chip.addListener(events);
        spi = new Spi(chip);
        spi.netConfig();
        peer = new DatagramSocket(0, LO);
        peer.setSoTimeout(10_000);
        chipPort = Await.freeUdpPort();
        spi.open(0, Sn_MR_UDP, chipPort);
        spi.destination(0, 127, 0, 0, 1, peer.getLocalPort());
        assertEquals(SOCK_UDP, spi.sr(0));
        // the network binds asynchronously: make sure a datagram gets through before the tests count bytes
        Await.until(() -> {
            sendFromPeer(new byte[] {0});
            return spi.rxReceived(0) > 0;
        }, "chip UDP port bound");
        // probes may have been sent several times: a sync datagram, then drain up to it
        sendFromPeer("sync".getBytes());
        while (true) {
            Await.until(() -> spi.rxReceived(0) > 0, "sync datagram");
            if (new String(readDatagram()).equals("sync")) {
                break;
            }
        }
        spi.clearIr(0, 0xFF);
        events.clear();
    }

    @AfterEach
    void tearDown() {
        peer.close();
        net.close();
    }

    void sendFromPeer(byte[] data) {
        try {
            peer.send(new DatagramPacket(data, data.length, LO, chipPort));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** ioLibrary recvfrom(): the 8-byte header (peer IP, port, length), RECV, then the data, RECV. */
    byte[] readDatagram() {
        byte[] head = spi.recv(0, 8);
        int len = (head[6] & 0xFF) << 8 | head[7] & 0xFF;
        assertArrayEquals(new byte[] {127, 0, 0, 1}, Arrays.copyOf(head, 4), "peer IP in the header");
        assertEquals(peer.getLocalPort(), (head[4] & 0xFF) << 8 | head[5] & 0xFF, "peer port in the header");
        return spi.recv(0, len);
    }

    byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    @Test
    void datagramsArriveWithTheEightByteHeader() {
        sendFromPeer("hello".getBytes());
        sendFromPeer("world!".getBytes());
        Await.until(() -> spi.rxReceived(0) == 8 + 5 + 8 + 6, "two datagrams");
        assertEquals(Sn_IR_RECV, spi.ir(0) & Sn_IR_RECV);
        assertEquals("hello", new String(readDatagram()));
        assertEquals("world!", new String(readDatagram()));
        assertEquals(0, spi.rxReceived(0));
    }

    @Test
    void sendGoesToSnDiprAndSnDport() throws Exception {
        spi.send(0, "ping".getBytes());
        assertEquals(Sn_IR_SENDOK, spi.ir(0) & Sn_IR_SENDOK);
        DatagramPacket p = new DatagramPacket(new byte[100], 100);
        peer.receive(p);
        assertEquals("ping", new String(p.getData(), 0, p.getLength()));
        assertEquals(chipPort, p.getPort(), "sent from Sn_PORT");
    }

    @Test
    void sendLargerThanTheMssIsSplit() throws Exception {
        byte[] data = pattern(2000, 1);
        spi.send(0, data);
        DatagramPacket p = new DatagramPacket(new byte[3000], 3000);
        peer.receive(p);
        assertEquals(1472, p.getLength());
        byte[] first = Arrays.copyOf(p.getData(), p.getLength());
        p = new DatagramPacket(new byte[3000], 3000);
        peer.receive(p);
        assertEquals(528, p.getLength());
        byte[] second = Arrays.copyOf(p.getData(), p.getLength());
        assertArrayEquals(data, ByteBuffer.allocate(2000).put(first).put(second).array());
    }

    @Test
    void txRingWrapsAtTheBufferEdgeAndAt16Bits() throws Exception {
        int sent = 0;
        for (int i = 0; i < 50; i++) { // 50 × 1400 = 70000 bytes: past 0xFFFF, across the 2 KB edge many times
            byte[] data = pattern(1400, i);
            assertEquals(2048, spi.txFree(0));
            spi.send(0, data);
            sent += data.length;
            assertEquals(spi.sreg16(0, Sn_TX_WR), spi.sreg16(0, Sn_TX_RD));
            assertEquals(sent & 0xFFFF, spi.sreg16(0, Sn_TX_RD));
            DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
            peer.receive(p);
            assertArrayEquals(data, Arrays.copyOf(p.getData(), p.getLength()), "datagram " + i);
            spi.clearIr(0, Sn_IR_SENDOK);
        }
        assertTrue(sent > 0xFFFF);
    }

    @Test
    void rxRingWrapsAtTheBufferEdgeAndAt16Bits() {
        int start = spi.sreg16(0, Sn_RX_WR);
        int got = 0;
        for (int i = 0; i < 50; i++) { // 50 × (8 + 1400) bytes through a 2 KB ring
            byte[] data = pattern(1400, i);
            sendFromPeer(data);
            Await.until(() -> spi.rxReceived(0) == 1408, "datagram in the RX ring");
            assertArrayEquals(data, readDatagram(), "datagram " + i);
            got += 1408;
            assertEquals((start + got) & 0xFFFF, spi.sreg16(0, Sn_RX_WR));
            assertEquals(spi.sreg16(0, Sn_RX_WR), spi.sreg16(0, Sn_RX_RD));
        }
        assertTrue(got > 0xFFFF);
    }

    @Test
    void datagramThatDoesNotFitIsDropped() {
        sendFromPeer(pattern(1400, 1));
        Await.until(() -> spi.rxReceived(0) == 1408, "first datagram");
        sendFromPeer(pattern(1400, 2)); // 640 bytes free: dropped whole
        Await.until(() -> events.diagnosed("dropped"), "drop diagnosed");
        sendFromPeer(pattern(100, 3));
        Await.until(() -> spi.rxReceived(0) == 1408 + 108, "third datagram still fits");
        assertArrayEquals(pattern(1400, 1), readDatagram());
        assertArrayEquals(pattern(100, 3), readDatagram());
    }
}
