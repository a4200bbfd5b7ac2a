package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import org.junit.jupiter.api.Test;

/** What people read: datasheet names, sizes, and nothing secret. */
class TimelineTest {

    private static String line(boolean spi, Object event) {
        String s = new Timeline(spi).format(new LogEntry(7, 1_500_000, 0, event));
        return s == null ? null : s.substring(s.indexOf("#7") + 2).trim();
    }

    @Test
    void spiFramesOnlyWithTheOptionAndByName() {
        ChipEvent.SpiFrame sr = new ChipEvent.SpiFrame(0, Registers.socketBlock(2), Registers.Sn_SR, false, 0,
                new byte[] {0x17}, null);
        assertNull(line(false, sr));
        assertEquals("spi      read  S2 Sn_SR: 17 (SOCK_ESTABLISHED)", line(true, sr));
        assertEquals("spi      write S0 Sn_CR: 04 (CONNECT)", line(true, new ChipEvent.SpiFrame(0,
                Registers.socketBlock(0), Registers.Sn_CR, true, 1, new byte[] {0x04}, null)));
        assertEquals("spi      write common SIPR+2: 4D", line(true, new ChipEvent.SpiFrame(0, 0, Registers.SIPR + 2,
                true, 0, new byte[] {0x4D}, null)));
        assertEquals("spi      write S1 TX buf @0x0100: 300 bytes", line(true, new ChipEvent.SpiFrame(0,
                Registers.txBlock(1), 0x100, true, 0, new byte[300], null)));
        assertEquals("spi      read  reserved block 4 @0x0000: 00  PROBLEM: reserved block", line(true,
                new ChipEvent.SpiFrame(0, 4, 0, false, 0, new byte[1], "reserved block")));
    }

    @Test
    void socketEvents() {
        assertEquals("S0 command  CONNECT (in SOCK_INIT)",
                line(false, new ChipEvent.Command(0, 0, Registers.Sn_CR_CONNECT, Registers.SOCK_INIT)));
        assertEquals("S0 state    SOCK_SYNSENT -> SOCK_ESTABLISHED (SYN/ACK received)", line(false,
                new ChipEvent.StateChange(0, 0, Registers.SOCK_SYNSENT, Registers.SOCK_ESTABLISHED, "SYN/ACK received")));
        assertEquals("S3 irq      RECV|SENDOK  INTn asserted",
                line(false, new ChipEvent.Interrupt(0, 3, Registers.Sn_IR_RECV | Registers.Sn_IR_SENDOK, true)));
        assertEquals("S0 tx       310 bytes to 198.18.0.1:8883", line(false,
                new ChipEvent.Data(0, 0, true, new byte[310], new byte[] {(byte) 198, 18, 0, 1}, 8883)));
    }

    @Test
    void networkAndSessionEvents() {
        assertEquals("dns      A broker.test asked of 192.168.77.1 -> 198.18.0.1 (map)", line(false,
                new NetworkEvent.Dns(0, 6, "192.168.77.1", "broker.test", 1, "198.18.0.1", "map")));
        assertEquals("FAULT    refuse:8883: connection refused (S0)", line(false,
                new NetworkEvent.FaultApplied(0, 0, "refuse:8883", "connection refused")));
        assertEquals("tls      key log line #2 received (kept in memory, not shown)",
                line(false, new SessionEvent.KeyLogLine(2)));
        assertEquals("firmware (pid 12) exited with status 3 (killed by netstep)",
                line(false, new SessionEvent.FirmwareExited(12, 3, true)));
        assertNull(line(false, new NetworkEvent.Bytes(0, 0, true, new byte[3])), "sizes come from the chip's Data");
    }

    @Test
    void timeIsVirtualMilliseconds() {
        String s = new Timeline(false).format(new LogEntry(7, 1_500_000, 0, new SessionEvent.BridgeError("x")));
        assertEquals("     1.500 ms  #7      bridge   ERROR x", s);
    }
}
