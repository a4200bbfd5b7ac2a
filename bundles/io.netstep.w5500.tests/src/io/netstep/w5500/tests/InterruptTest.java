package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sn_IR, SIR, SIMR, IR, IMR, INTLEVEL and the INTn pin. */
class InterruptTest {

    final ManualClock clock = new ManualClock();
    final Events events = new Events();
    W5500 chip;
    Spi spi;

    @BeforeEach
    void setUp() {
        chip = new W5500(clock, HostNetwork.NONE);
        chip.addListener(events);
        spi = new Spi(chip);
        spi.netConfig();
    }

    void sendOk(int sn) {
        spi.open(sn, Sn_MR_UDP, 5000 + sn);
        spi.destination(sn, 255, 255, 255, 255, 9);
        spi.send(sn, new byte[] {1});
    }

    @Test
    void intnNeedsSimrForSocketInterrupts() {
        sendOk(2);
        assertEquals(1 << 2, spi.read8(BSB_COMMON, SIR));
        assertFalse(chip.intLine(), "SIMR is 0 after reset: INTn stays high");
        spi.write8(BSB_COMMON, SIMR, 1 << 2);
        assertTrue(chip.intLine());
        spi.clearIr(2, Sn_IR_SENDOK);
        assertEquals(0, spi.read8(BSB_COMMON, SIR));
        assertFalse(chip.intLine(), "clearing Sn_IR releases INTn");
    }

    @Test
    void snImrMasksSingleCauses() {
        spi.write8(BSB_COMMON, SIMR, 0xFF);
        spi.sreg8(0, Sn_IMR, Sn_IR_RECV);
        sendOk(0);
        assertEquals(Sn_IR_SENDOK, spi.ir(0));
        assertFalse(chip.intLine());
        spi.sreg8(0, Sn_IMR, Sn_IR_RECV | Sn_IR_SENDOK);
        assertTrue(chip.intLine());
    }

    @Test
    void commonInterruptsNeedImr() {
        chip.ipConflict();
        assertEquals(IR_CONFLICT, spi.read8(BSB_COMMON, IR));
        assertFalse(chip.intLine());
        spi.write8(BSB_COMMON, IMR, IR_CONFLICT);
        assertTrue(chip.intLine());
        spi.write8(BSB_COMMON, IR, IR_CONFLICT);
        assertFalse(chip.intLine());
    }

    @Test
    void interruptEventsCarryTheRaisedBitsAndTheLine() {
        spi.write8(BSB_COMMON, SIMR, 0x01);
        sendOk(0);
        List<ChipEvent.Interrupt> irqs = events.of(ChipEvent.Interrupt.class);
        assertEquals(1, irqs.size());
        assertEquals(0, irqs.get(0).socket());
        assertEquals(Sn_IR_SENDOK, irqs.get(0).raised());
        assertTrue(irqs.get(0).intLine());
        chip.icmpUnreachable(new byte[] {10, 0, 0, 1}, 53);
        ChipEvent.Interrupt common = events.of(ChipEvent.Interrupt.class).get(1);
        assertEquals(-1, common.socket());
        assertEquals(IR_UNREACH, common.raised());
    }

    @Test
    void intlevelDelaysTheNextAssertion() {
        spi.write16(BSB_COMMON, INTLEVEL, 0xFFFF); // IAWT = 65536 × 4 / 150 MHz ≈ 1.748 ms
        spi.write8(BSB_COMMON, SIMR, 0x01);
        sendOk(0);
        assertTrue(chip.intLine(), "the first assertion does not wait");
        spi.clearIr(0, 0xFF);
        assertFalse(chip.intLine());
        spi.send(0, new byte[] {2});
        assertFalse(chip.intLine(), "re-assertion waits IAWT after the deassertion");
        clock.advanceNanos(1_747_000);
        assertFalse(chip.intLine());
        clock.advanceNanos(1_000);
        assertTrue(chip.intLine());
    }

    @Test
    void zeroIntlevelReassertsAtOnce() {
        spi.write8(BSB_COMMON, SIMR, 0x01);
        sendOk(0);
        spi.clearIr(0, 0xFF);
        spi.send(0, new byte[] {2});
        assertTrue(chip.intLine());
    }
}
