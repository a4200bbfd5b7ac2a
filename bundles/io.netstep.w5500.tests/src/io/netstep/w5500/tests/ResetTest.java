package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.W5500;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MR RST (software reset) and the RSTn pin bring every register back to its reset value. */
class ResetTest {

    final ManualClock clock = new ManualClock();
    final Events events = new Events();
    final RecordingNetwork net = new RecordingNetwork(false);

    Spi dirtyChip() {
        W5500 chip = new W5500(clock, net);
        chip.addListener(events);
        Spi spi = new Spi(chip);
        spi.netConfig();
        spi.write16(BSB_COMMON, RTR, 1000);
        spi.write8(BSB_COMMON, RCR, 3);
        spi.write8(BSB_COMMON, SIMR, 0xFF);
        spi.write8(BSB_COMMON, IMR, 0xF0);
        spi.write8(BSB_COMMON, PHYCFGR, 0xC0);
        spi.sreg8(1, Sn_TXBUF_SIZE, 8);
        spi.open(0, Sn_MR_UDP, 5000);
        spi.destination(0, 192, 168, 1, 2, 53);
        spi.send(0, new byte[] {1, 2, 3});
        spi.open(3, Sn_MR_TCP, 80);
        spi.command(3, Sn_CR_LISTEN);
        assertTrue(chip.intLine());
        return spi;
    }

    void assertAllReset(Spi spi) {
        RegisterResetTest.commonRegisters().forEach(a -> {
            Object[] r = a.get();
            assertEquals((long) r[3], RegisterResetTest.readWide(spi, BSB_COMMON, (int) r[1], (int) r[2]), (String) r[0]);
        });
        RegisterResetTest.socketRegisters().forEach(a -> {
            Object[] r = a.get();
            int sn = (int) r[0];
            assertEquals((long) r[4], RegisterResetTest.readWide(spi, socketBlock(sn), (int) r[2], (int) r[3]),
                    "S" + sn + " " + r[1]);
        });
        assertFalse(spi.chip.intLine());
    }

    @Test
    void softwareResetByMrRst() {
        Spi spi = dirtyChip();
        spi.write8(BSB_COMMON, MR, MR_RST | MR_PB);
        assertEquals(0, spi.read8(BSB_COMMON, MR), "RST clears itself");
        assertAllReset(spi);
        List<ChipEvent.Reset> resets = events.of(ChipEvent.Reset.class);
        assertEquals(1, resets.size());
        assertTrue(resets.get(0).software());
        assertTrue(net.calls.contains("close 0") && net.calls.contains("close 3"), "open sockets dropped: " + net.calls);
    }

    @Test
    void hardwareReset() {
        Spi spi = dirtyChip();
        spi.chip.hardwareReset();
        assertAllReset(spi);
        assertFalse(events.of(ChipEvent.Reset.class).get(0).software());
    }

    @Test
    void timersDieWithTheReset() {
        W5500 chip = new W5500(clock, net);
        Spi spi = new Spi(chip);
        spi.netConfig();
        spi.open(0, Sn_MR_TCP, 5000);
        spi.destination(0, 192, 168, 1, 2, 1883);
        spi.command(0, Sn_CR_CONNECT);
        chip.hardwareReset();
        clock.advanceMillis(60_000);
        chip.tick();
        assertEquals(0, spi.ir(0));
        assertEquals(SOCK_CLOSED, spi.sr(0));
    }
}
