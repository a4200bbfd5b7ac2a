package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.LoopbackNetwork;
import io.netstep.w5500.W5500;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retransmission timeouts in virtual time only. Datasheet (RTR, RCR): ARPTO = RTR × (RCR+1);
 * TCPTO doubles the wait after each transmission up to RTRMAX (the last RTR × 2^M not above
 * 65535), RCR+1 transmissions in all: 31.8 s for the reset values.
 */
class TimeoutTest {

    final ManualClock clock = new ManualClock();
    final Events events = new Events();

    /** A network that answers nothing, ARP included. */
    static final HostNetwork SILENT_LAN = new HostNetwork() {
        public void tcpConnect(int sn, byte[] s, int sp, byte[] d, int dp) { throw new AssertionError("no SYN without ARP"); }
        public void tcpListen(int sn, int port) { }
        public void tcpSend(int sn, byte[] data) { }
        public void tcpDisconnect(int sn) { }
        public void close(int sn) { }
        public void rxWindowOpened(int sn) { }
        public void udpOpen(int sn, int port) { }
        public void udpSend(int sn, byte[] s, int sp, byte[] d, int dp, byte[] data) { throw new AssertionError("no datagram without ARP"); }
        @Override public boolean arpAnswers(byte[] ip) { return false; }
    };

    Spi chipWith(HostNetwork net) {
        W5500 chip = new W5500(clock, net);
        chip.addListener(events);
        Spi spi = new Spi(chip);
        spi.netConfig();
        return spi;
    }

    /** Advances to just before {@code nanos} after now, checks nothing fired, then to it, checks it fired. */
    void expectTimeoutAfter(Spi spi, long nanos, int stateAfter) {
        int stateBefore = spi.sr(0);
        clock.advanceNanos(nanos - 1);
        spi.chip.tick();
        assertEquals(0, spi.ir(0) & Sn_IR_TIMEOUT, "no TIMEOUT 1 ns early");
        assertEquals(stateBefore, spi.sr(0));
        clock.advanceNanos(1);
        spi.chip.tick();
        assertEquals(Sn_IR_TIMEOUT, spi.ir(0) & Sn_IR_TIMEOUT, "TIMEOUT on time");
        assertEquals(stateAfter, spi.sr(0));
    }

    @ParameterizedTest(name = "RTR={0} RCR={1}: TCPTO {2} ms")
    @CsvSource({"2000, 8, 31800", "1000, 3, 1500", "2000, 0, 200", "40000, 2, 12000", "65535, 1, 13107", "100, 10, 15350"})
    void connectWithoutAnswerTimesOutAfterTcpto(int rtr, int rcr, long tcptoMillis) {
        Spi spi = chipWith(HostNetwork.NONE);
        spi.write16(BSB_COMMON, RTR, rtr);
        spi.write8(BSB_COMMON, RCR, rcr);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 77, 1883);
        spi.command(0, Sn_CR_CONNECT);
        assertEquals(SOCK_SYNSENT, spi.sr(0));
        long tcpto = tcptoMillis * 1_000_000L;
        expectTimeoutAfter(spi, tcpto, SOCK_CLOSED);
    }

    @Test
    void connectToAnUnansweredLoopbackNetworkAddressTimesOut() throws Exception {
        try (LoopbackNetwork net = new LoopbackNetwork()) {
            W5500 chip = new W5500(clock, net);
            net.attach(chip);
            chip.addListener(events);
            Spi spi = new Spi(chip);
            spi.netConfig();
            spi.open(0, Sn_MR_TCP, 5000);
            spi.destination(0, 192, 0, 2, 1, 1883); // TEST-NET-1: the loopback network never answers
            spi.command(0, Sn_CR_CONNECT);
            expectTimeoutAfter(spi, 31_800_000_000L, SOCK_CLOSED);
            assertTrue(events.diagnosed("TCPTO"));
        }
    }

    @Test
    void unansweredArpTimesOutAfterRtrTimesRcrPlusOne() {
        Spi spi = chipWith(SILENT_LAN);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 77, 1883);
        spi.command(0, Sn_CR_CONNECT);
        expectTimeoutAfter(spi, 200_000_000L * 9, SOCK_CLOSED); // 1.8 s
        assertTrue(events.diagnosed("ARP"));
    }

    @Test
    void offSubnetWithoutGatewayTimesOutOnArp() {
        Spi spi = chipWith(HostNetwork.NONE);
        spi.ip(GAR, 0, 0, 0, 0);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 8, 8, 8, 8, 53);
        spi.command(0, Sn_CR_CONNECT);
        assertTrue(events.diagnosed("GAR is 0.0.0.0"));
        expectTimeoutAfter(spi, 1_800_000_000L, SOCK_CLOSED);
    }

    @Test
    void udpSendWithoutArpAnswerRaisesTimeoutAndStaysOpen() {
        Spi spi = chipWith(SILENT_LAN);
        spi.open(0, Sn_MR_UDP, 5000);
        spi.destination(0, 192, 168, 1, 9, 7);
        spi.send(0, new byte[] {1, 2, 3});
        assertEquals(0, spi.ir(0) & Sn_IR_SENDOK);
        expectTimeoutAfter(spi, 1_800_000_000L, SOCK_UDP);
        assertEquals(0, spi.ir(0) & Sn_IR_SENDOK);
    }

    @Test
    void udpBroadcastNeedsNoArp() {
        Spi spi = chipWith(new RecordingNetwork(false));
        spi.open(0, Sn_MR_UDP, 68);
        spi.destination(0, 255, 255, 255, 255, 67);
        spi.send(0, new byte[] {1});
        assertEquals(Sn_IR_SENDOK, spi.ir(0));
    }

    @Test
    void frozenClockFreezesTimeouts() {
        Spi spi = chipWith(HostNetwork.NONE);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 77, 1883);
        spi.command(0, Sn_CR_CONNECT);
        clock.advanceMillis(31_000);
        for (int i = 0; i < 10_000; i++) {
            spi.chip.tick(); // paused: ticks without time passing change nothing
        }
        assertEquals(SOCK_SYNSENT, spi.sr(0));
        clock.advanceMillis(800);
        spi.chip.tick();
        assertEquals(SOCK_CLOSED, spi.sr(0));
    }

    @Test
    void answerBeforeTheTimeoutCancelsIt() {
        Spi spi = chipWith(HostNetwork.NONE);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 77, 1883);
        spi.command(0, Sn_CR_CONNECT);
        clock.advanceMillis(1000);
        spi.chip.tcpConnected(0);
        clock.advanceMillis(60_000);
        spi.chip.tick();
        assertEquals(SOCK_ESTABLISHED, spi.sr(0));
        assertEquals(Sn_IR_CON, spi.ir(0));
    }

    @Test
    void disconWithoutThePeersFinTimesOut() {
        Spi spi = chipWith(HostNetwork.NONE);
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 77, 1883);
        spi.command(0, Sn_CR_CONNECT);
        spi.chip.tcpConnected(0);
        spi.command(0, Sn_CR_DISCON);
        assertEquals(SOCK_FIN_WAIT, spi.sr(0));
        expectTimeoutAfter(spi, 31_800_000_000L, SOCK_CLOSED);
        assertFalse(events.of(ChipEvent.StateChange.class).isEmpty());
    }
}
