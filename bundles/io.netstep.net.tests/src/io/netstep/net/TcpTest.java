package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.dns.DnsMessage;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP through real loopback sockets, driven through the HostNetwork interface. */
class TcpTest {

    static final byte[] CHIP = { (byte) 192, (byte) 168, 77, 100 };
    static final byte[] LOOPBACK = { 127, 0, 0, 1 };

    NetHarness h;

    @AfterEach void close() {
        if (h != null) h.close();
    }

    @Test void echoWithBackPressureLosesAndReordersNothing() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.echo()) {
            h = new NetHarness(new NetworkOptions());
            h.onChip(() -> h.chip.freeWindow(0, 100)); // the chip takes 100 bytes, then its RX buffer is full
            h.onChip(() -> h.net.tcpConnect(0, CHIP, 50000, LOOPBACK, peer.port()));
            h.awaitChip("connected", c -> c.count("connected") == 1);
            byte[] payload = new byte[200_000]; // more than the network's high-water mark: host reads must pause
            new Random(7).nextBytes(payload);
            h.onChip(() -> {
                for (int off = 0; off < payload.length; off += 2048)
                    h.net.tcpSend(0, Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 2048)));
            });
            // the "firmware": whenever the chip's buffer is full, read it (RECV) and open the window again
            long end = System.currentTimeMillis() + NetHarness.PATIENCE_MS;
            while (h.onChip(() -> h.chip.received[0].size()) < payload.length && System.currentTimeMillis() < end) {
                h.onChip(() -> {
                    if (h.chip.window[0] == 0) {
                        h.chip.freeWindow(0, 100);
                        h.net.rxWindowOpened(0);
                    }
                });
                NetHarness.sleep();
            }
            byte[] got = h.onChip(() -> h.chip.received[0].toByteArray());
            assertEquals(payload.length, got.length);
            assertArrayEquals(payload, got, "every byte, in order");
            List<int[]> offers = h.onChip(() -> List.copyOf(h.chip.offers));
            assertTrue(offers.stream().allMatch(o -> o[1] <= 100), "never more than the window");
            assertTrue(offers.stream().anyMatch(o -> o[1] < o[0]), "some offers were only partly taken");
            assertArrayEquals(payload, peer.receivedBytes(), "the host got what the chip sent");
            NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
            assertEquals(NetworkEvent.ConnectResult.CONNECTED, c.result());
            assertEquals("127.0.0.1:" + peer.port(), c.host());
        }
    }

    @Test void hostFinComesAfterAllData() throws Exception {
        byte[] greeting = "hello chip".getBytes(StandardCharsets.US_ASCII);
        try (LoopbackPeer peer = new LoopbackPeer(LoopbackPeer.Mode.GREET_THEN_CLOSE, greeting)) {
            h = new NetHarness(new NetworkOptions());
            h.onChip(() -> h.chip.freeWindow(2, 4));
            h.onChip(() -> h.net.tcpConnect(2, CHIP, 50000, LOOPBACK, peer.port()));
            h.awaitChip("first 4 bytes", c -> c.received[2].size() == 4);
            h.onChip(h.net::pump);
            assertEquals(List.of("connected", "data"), h.onChip(() -> h.chip.sequence()), "no FIN while data waits");
            h.onChip(() -> { h.chip.freeWindow(2, 1000); h.net.rxWindowOpened(2); });
            h.awaitChip("FIN", c -> c.count("peerClosed") == 1);
            assertEquals(List.of("connected", "data", "peerClosed"), h.onChip(() -> h.chip.sequence()));
            assertArrayEquals(greeting, h.onChip(() -> h.chip.received[2].toByteArray()));
            h.onChip(() -> h.net.tcpDisconnect(2));
            NetHarness.await("host sees the chip's FIN", () -> peer.endings.contains("EOF"));
        }
    }

    @Test void refusedPortIsReportedAsRefused() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        h = new NetHarness(new NetworkOptions());
        h.onChip(() -> h.net.tcpConnect(1, CHIP, 50000, LOOPBACK, closedPort));
        h.awaitChip("refused", c -> c.count("refused") == 1);
        NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
        assertEquals(NetworkEvent.ConnectResult.REFUSED, c.result());
        assertEquals(closedPort, c.dstPort());
    }

    @Test void unmappedExternalAddressIsNotReached() {
        h = new NetHarness(new NetworkOptions());
        h.onChip(() -> h.net.tcpConnect(1, CHIP, 50000, new byte[] { (byte) 203, 0, 113, 9 }, 8883));
        NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
        assertEquals(NetworkEvent.ConnectResult.UNMAPPED, c.result());
        assertNull(c.host());
        assertTrue(c.error().contains("--map"), c.error());
        h.onChip(h.net::pump);
        assertEquals(List.of(), h.onChip(() -> h.chip.sequence()), "the chip gets no answer: it will time out");
    }

    @Test void nameFromDnsReachesItsMappedEndpoint() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.echo()) {
            h = new NetHarness(new NetworkOptions().map("broker.test:8883=127.0.0.1:" + peer.port()));
            h.onChip(() -> {
                h.net.udpOpen(7, 4000);
                h.net.udpSend(7, CHIP, 4000, new byte[] { (byte) 192, (byte) 168, 77, 1 }, 53, DnsMessage.query(9, "broker.test", DnsMessage.TYPE_A));
            });
            h.awaitChip("DNS answer", c -> c.count("udp") == 1);
            byte[] ans = h.onChip(() -> h.chip.last("udp")).data();
            byte[] addr = Arrays.copyOfRange(ans, ans.length - 4, ans.length);
            h.onChip(() -> h.net.tcpConnect(0, CHIP, 50001, addr, 8883));
            h.awaitChip("connected", c -> c.count("connected") == 1);
            h.onChip(() -> h.net.tcpSend(0, "ping".getBytes(StandardCharsets.US_ASCII)));
            h.awaitChip("echo", c -> c.received[0].size() == 4);
            NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
            assertEquals("broker.test", c.name());
            assertEquals(Ip4.format(addr), c.dstIp());
            assertEquals(1, peer.accepted.get());
            h.onChip(() -> h.net.tcpConnect(1, CHIP, 50002, addr, 1883));
            NetworkEvent.Connect other = h.awaitEvent(NetworkEvent.Connect.class, x -> x.socket() == 1);
            assertEquals(NetworkEvent.ConnectResult.UNMAPPED, other.result(), "the entry is for port 8883 only");
        }
    }

    @Test void listenSocketAcceptsALoopbackClient() throws Exception {
        h = new NetHarness(new NetworkOptions());
        h.onChip(() -> h.net.tcpListen(3, 5000));
        InetSocketAddress at = h.net.listenAddress(3).get();
        assertEquals("127.0.0.1", at.getAddress().getHostAddress());
        try (Socket client = new Socket()) {
            client.connect(at);
            h.awaitChip("accepted", c -> c.count("accepted") == 1);
            ChipRecorder.Call acc = h.onChip(() -> h.chip.last("accepted"));
            assertEquals("192.168.77.1", Ip4.format(acc.ip()), "the client appears as the PC, the gateway");
            assertEquals(client.getLocalPort(), acc.port());
            OutputStream o = client.getOutputStream();
            o.write("GET".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            h.awaitChip("request", c -> c.received[3].size() == 3);
            h.onChip(() -> h.net.tcpSend(3, "OK".getBytes(StandardCharsets.US_ASCII)));
            InputStream in = client.getInputStream();
            assertEquals('O', in.read());
            assertEquals('K', in.read());
            h.onChip(() -> h.net.tcpDisconnect(3));
            assertEquals(-1, in.read(), "FIN from the chip");
        }
        NetworkEvent.Listening l = h.awaitEvent(NetworkEvent.Listening.class, x -> true);
        assertEquals(5000, l.chipPort());
        assertEquals(at.getPort(), l.hostPort());
    }

    @Test void listenOnAConfiguredHostPort() throws Exception {
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            free = s.getLocalPort();
        }
        h = new NetHarness(new NetworkOptions().listen("80=" + free));
        h.onChip(() -> h.net.tcpListen(0, 80));
        assertEquals(free, h.net.listenAddress(0).get().getPort());
    }

    @Test void udpToALoopbackHostAndBack() throws Exception {
        try (java.net.DatagramSocket echo = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[1500], 1500);
                    echo.receive(p);
                    echo.send(new java.net.DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (java.io.IOException ignored) {
                    // the test fails on the missing reply
                }
            });
            t.start();
            h = new NetHarness(new NetworkOptions());
            h.onChip(() -> {
                h.net.udpOpen(4, 6000);
                h.net.udpSend(4, CHIP, 6000, LOOPBACK, echo.getLocalPort(), "datagram".getBytes(StandardCharsets.US_ASCII));
            });
            h.awaitChip("reply", c -> c.count("udp") == 1);
            ChipRecorder.Call r = h.onChip(() -> h.chip.last("udp"));
            assertEquals("datagram", new String(r.data(), StandardCharsets.US_ASCII));
            assertArrayEquals(LOOPBACK, r.ip());
            assertEquals(echo.getLocalPort(), r.port());
        }
    }

    @Test void badCallsFromTheChipNeverThrow() {
        h = new NetHarness(new NetworkOptions());
        h.onChip(() -> {
            h.net.tcpSend(9, new byte[1]);
            h.net.tcpSend(0, new byte[1]);
            h.net.close(-1);
            h.net.rxWindowOpened(5);
            h.net.udpSend(0, CHIP, 1, LOOPBACK, 9, new byte[1]);
            h.net.tcpConnect(0, CHIP, 1, new byte[3], 1);
            h.net.tcpDisconnect(0);
        });
        assertNotNull(h.awaitEvent(NetworkEvent.Dropped.class, d -> d.why().contains("no host connection")));
    }
}
