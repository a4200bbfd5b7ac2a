package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Buffer sizing (Sn_TXBUF_SIZE / Sn_RXBUF_SIZE), MACRAW, UDP broadcast rules, and bad input. */
class BuffersAndRawTest {

    final ManualClock clock = new ManualClock();
    final Events events = new Events();

    Spi chip(HostNetwork net) {
        W5500 chip = new W5500(clock, net);
        chip.addListener(events);
        Spi spi = new Spi(chip);
        spi.netConfig();
        return spi;
    }

    @ParameterizedTest(name = "{0} KB")
    @ValueSource(ints = {0, 1, 2, 4, 8, 16})
    void txFreeSizeFollowsTheConfiguredBuffer(int kb) {
        Spi spi = chip(HostNetwork.NONE);
        for (int sn = 1; sn < 8; sn++) {
            spi.sreg8(sn, Sn_TXBUF_SIZE, 0);
            spi.sreg8(sn, Sn_RXBUF_SIZE, 0);
        }
        spi.sreg8(0, Sn_TXBUF_SIZE, kb);
        spi.sreg8(0, Sn_RXBUF_SIZE, kb);
        spi.open(0, Sn_MR_UDP, 5000);
        assertEquals(kb * 1024, spi.txFree(0));
        if (kb > 0) {
            // the ring wraps at the configured size
            spi.write(txBlock(0), 0, (byte) 0x42);
            assertEquals(0x42, spi.read8(txBlock(0), kb * 1024));
            spi.chip.udpData(0, new byte[] {10, 0, 0, 1}, 7, null, new byte[kb * 1024 - 8]);
            assertEquals(kb * 1024, spi.rxReceived(0), "a datagram filling the buffer exactly fits");
        }
        assertTrue(events.diagnostics().stream().noneMatch(m -> m.contains("add up")));
    }

    @Test
    void socketsGetConsecutiveRegionsOfTheSixteenKilobytes() {
        Spi spi = chip(HostNetwork.NONE);
        spi.write(txBlock(0), 0x07FF, (byte) 0xA0); // last byte of socket 0's 2 KB
        spi.write(txBlock(1), 0x0000, (byte) 0xA1); // first byte of socket 1's 2 KB
        assertEquals(0xA0, spi.read8(txBlock(0), 0x07FF));
        assertEquals(0xA1, spi.read8(txBlock(1), 0x0000));
        // grow socket 0 to 4 KB: its upper half is now what socket 1 had
        spi.sreg8(0, Sn_TXBUF_SIZE, 4);
        assertEquals(0xA1, spi.read8(txBlock(0), 0x0800));
    }

    @Test
    void moreThanSixteenKilobytesInAllIsDiagnosedAndWraps() {
        Spi spi = chip(HostNetwork.NONE);
        for (int sn = 0; sn < 8; sn++) {
            spi.sreg8(sn, Sn_RXBUF_SIZE, 4); // 32 KB asked, 16 KB exist
        }
        assertTrue(events.diagnosed("more than the 16 KB"));
        spi.write(rxBlock(0), 0, (byte) 0x5A);
        assertEquals(0x5A, spi.read8(rxBlock(4), 0), "socket 4's region wraps onto socket 0's");
    }

    @Test
    void macrawOnSocketZeroWithoutNetworkSupport() {
        Spi spi = chip(HostNetwork.NONE);
        spi.open(0, Sn_MR_MACRAW, 0);
        assertEquals(SOCK_MACRAW, spi.sr(0));
        assertTrue(events.diagnosed("carries no raw Ethernet"));
        spi.send(0, new byte[60]);
        assertEquals(Sn_IR_SENDOK, spi.ir(0) & Sn_IR_SENDOK);
        assertTrue(events.diagnosed("dropped"));
    }

    @Test
    void macrawFramesBothWays() {
        RecordingNetwork net = new RecordingNetwork(true);
        Spi spi = chip(net);
        spi.open(0, Sn_MR_MACRAW | Sn_MR_MFEN, 0);
        byte[] frame = new byte[64];
        frame[12] = 0x08;
        spi.send(0, frame);
        assertTrue(net.calls.contains("macraw 64"));
        assertArrayEquals(frame, net.payloads.get(0));
        spi.chip.macrawFrame(frame);
        assertEquals(66, spi.rxReceived(0));
        byte[] head = spi.recv(0, 2);
        assertEquals(66, (head[0] & 0xFF) << 8 | head[1] & 0xFF, "2-byte length header counts itself");
        assertArrayEquals(frame, spi.recv(0, 64));
    }

    @Test
    void broadcastIsSentWithoutArpAndBcastbBlocksIncomingBroadcasts() {
        RecordingNetwork net = new RecordingNetwork(false);
        Spi spi = chip(net);
        spi.open(1, Sn_MR_UDP | Sn_MR_BCASTB, 68);
        spi.destination(1, 255, 255, 255, 255, 67);
        spi.send(1, new byte[] {1, 2, 3});
        assertTrue(net.calls.contains("udpSend 1 192.168.1.50:68 > 255.255.255.255:67 3"), net.calls.toString());
        assertTrue(net.calls.stream().noneMatch(c -> c.startsWith("arp")), "no ARP for a broadcast");
        spi.chip.udpData(1, new byte[] {(byte) 192, (byte) 168, 1, 1}, 67, new byte[] {-1, -1, -1, -1}, new byte[] {9});
        assertEquals(0, spi.rxReceived(1), "BCASTB drops broadcasts");
        spi.chip.udpData(1, new byte[] {(byte) 192, (byte) 168, 1, 1}, 67, new byte[] {(byte) 192, (byte) 168, 1, 50}, new byte[] {9});
        assertEquals(9, spi.rxReceived(1), "unicast still arrives");
    }

    @Test
    void arpGoesToTheGatewayForOffSubnetDestinations() {
        RecordingNetwork net = new RecordingNetwork(false);
        Spi spi = chip(net);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 8, 8, 4, 4, 853);
        spi.command(0, Sn_CR_CONNECT);
        assertEquals("arp 192.168.1.1", net.calls.get(0));
        assertEquals("connect 0 8.8.4.4:853", net.calls.get(1));
    }

    @Test
    void badInputNeverThrows() {
        Spi spi = chip(HostNetwork.NONE);
        W5500 chip = spi.chip;
        chip.tcpConnected(9);
        chip.tcpData(-1, new byte[1], 0, 1);
        assertEquals(0, chip.tcpData(0, null, 0, 5));
        assertEquals(0, chip.tcpData(0, new byte[4], 3, 5));
        chip.tcpAccepted(0, new byte[3], 80);
        chip.udpData(0, null, 1, new byte[1]);
        chip.udpData(0, new byte[4], 70000, new byte[1]);
        chip.macrawFrame(null);
        chip.icmpUnreachable(null, 0);
        assertEquals(0, chip.peek(32, 0));
        assertEquals(0, chip.peek(0, 0x10000));
        chip.poke(-1, 0, 0);
        chip.exchange(new byte[0]);
        chip.addListener(null);
        chip.addListener(e -> { throw new IllegalStateException("listener bug"); });
        spi.sreg8(0, Sn_CR, 0x99);
        assertTrue(events.diagnosed("not a W5500 command"));
        assertEquals(4, chip.peek(BSB_COMMON, VERSIONR));
        assertTrue(events.diagnostics().size() >= 10, events.diagnostics().toString());
    }

    @Test
    void pokeFollowsTheSpiWriteRules() {
        Spi spi = chip(HostNetwork.NONE);
        spi.chip.poke(socketBlock(0), Sn_MR, Sn_MR_TCP);
        spi.chip.poke(socketBlock(0), Sn_CR, Sn_CR_OPEN);
        assertEquals(SOCK_INIT, spi.chip.peek(socketBlock(0), Sn_SR));
        assertEquals(0, spi.chip.peek(socketBlock(0), Sn_CR));
        spi.chip.poke(BSB_COMMON, VERSIONR, 7);
        assertEquals(4, spi.chip.peek(BSB_COMMON, VERSIONR));
    }

    @Test
    void recvPastTheReceivedDataIsDiagnosed() {
        Spi spi = chip(HostNetwork.NONE);
        spi.open(0, Sn_MR_UDP, 5000);
        spi.chip.udpData(0, new byte[] {10, 0, 0, 1}, 7, new byte[] {1, 2, 3});
        assertEquals(11, spi.rxReceived(0));
        spi.sreg16(0, Sn_RX_RD, 100);
        assertEquals(11, spi.rxReceived(0), "writing Sn_RX_RD alone frees nothing");
        spi.command(0, Sn_CR_RECV);
        assertTrue(events.diagnosed("only 11 were received"));
    }

    @Test
    void sendOfMoreThanTheBufferHoldsIsDiagnosedAndCapped() {
        RecordingNetwork net = new RecordingNetwork(false);
        Spi spi = chip(net);
        spi.open(0, Sn_MR_UDP, 5000);
        spi.destination(0, 192, 168, 1, 2, 7);
        spi.sreg16(0, Sn_TX_WR, 3000);
        assertEquals(0, spi.txFree(0), "Sn_TX_FSR does not go negative");
        spi.command(0, Sn_CR_SEND);
        assertTrue(events.diagnosed("more than the 2048-byte TX buffer"));
        int total = net.payloads.stream().mapToInt(b -> b.length).sum();
        assertEquals(2048, total);
    }

    @Test
    void tcpDataEventsCarryThePeer() {
        RecordingNetwork net = new RecordingNetwork(false);
        Spi spi = chip(net);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 2, 1883);
        spi.command(0, Sn_CR_CONNECT);
        spi.chip.tcpConnected(0);
        spi.send(0, "CONNECT".getBytes());
        assertEquals(1, spi.chip.tcpData(0, "X".getBytes(), 0, 1));
        java.util.List<io.netstep.w5500.ChipEvent.Data> data = events.of(io.netstep.w5500.ChipEvent.Data.class);
        assertEquals(2, data.size());
        assertTrue(data.get(0).tx());
        assertEquals("CONNECT", new String(data.get(0).bytes()));
        assertEquals(1883, data.get(0).peerPort());
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 2}, data.get(0).peerIp());
        assertTrue(!data.get(1).tx());
        assertTrue(net.calls.contains("send 0"));
    }
}
