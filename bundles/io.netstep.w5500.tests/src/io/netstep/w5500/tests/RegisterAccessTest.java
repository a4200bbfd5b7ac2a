package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Access rules of every register: R/W keeps what is written, read-only ignores writes, and the special ones. */
class RegisterAccessTest {

    final Events events = new Events();
    W5500 chip;
    Spi spi;

    @BeforeEach
    void setUp() {
        chip = new W5500(new ManualClock(), HostNetwork.NONE);
        chip.addListener(events);
        spi = new Spi(chip);
    }

    /** name, offset, width, pattern written, value read back. */
    static Stream<Arguments> commonReadWrite() {
        return Stream.of(
            Arguments.of("GAR", GAR, 4, 0xC0A80001L, 0xC0A80001L),
            Arguments.of("SUBR", SUBR, 4, 0xFFFFFF00L, 0xFFFFFF00L),
            Arguments.of("SHAR", SHAR, 6, 0x0008DC010203L, 0x0008DC010203L),
            Arguments.of("SIPR", SIPR, 4, 0xC0A80132L, 0xC0A80132L),
            Arguments.of("INTLEVEL", INTLEVEL, 2, 0x1234L, 0x1234L),
            Arguments.of("IMR", IMR, 1, 0xFFL, 0xF0L),           // bits 3..0 reserved
            Arguments.of("SIMR", SIMR, 1, 0xA5L, 0xA5L),
            Arguments.of("RTR", RTR, 2, 0x0FA0L, 0x0FA0L),
            Arguments.of("RCR", RCR, 1, 0x07L, 0x07L),
            Arguments.of("PTIMER", PTIMER, 1, 0xC8L, 0xC8L),
            Arguments.of("PMAGIC", PMAGIC, 1, 0x01L, 0x01L),
            Arguments.of("PHAR", PHAR, 6, 0x112233445566L, 0x112233445566L),
            Arguments.of("PSID", PSID, 2, 0xBEEFL, 0xBEEFL),
            Arguments.of("PMRU", PMRU, 2, 0x05D4L, 0x05D4L),
            Arguments.of("MR", MR, 1, 0x3AL, 0x3AL),             // WOL, PB, PPPoE, FARP
            Arguments.of("PHYCFGR", PHYCFGR, 1, 0xF8L, 0xFFL));  // 100 full forced: status bits follow
    }

    static Stream<Arguments> commonReadOnly() {
        return Stream.of(
            Arguments.of("SIR", SIR, 1, 0L),
            Arguments.of("UIPR", UIPR, 4, 0L),
            Arguments.of("UPORTR", UPORTR, 2, 0L),
            Arguments.of("VERSIONR", VERSIONR, 1, 4L));
    }

    static Stream<Arguments> socketReadWrite() {
        return Stream.of(
            Arguments.of("Sn_MR", Sn_MR, 1, 0x21L),
            Arguments.of("Sn_PORT", Sn_PORT, 2, 0x1388L),
            Arguments.of("Sn_DHAR", Sn_DHAR, 6, 0x0008DCAABBCCL),
            Arguments.of("Sn_DIPR", Sn_DIPR, 4, 0xC0A80102L),
            Arguments.of("Sn_DPORT", Sn_DPORT, 2, 0x075BL),
            Arguments.of("Sn_MSSR", Sn_MSSR, 2, 0x05B4L),
            Arguments.of("Sn_TOS", Sn_TOS, 1, 0x10L),
            Arguments.of("Sn_TTL", Sn_TTL, 1, 0x40L),
            Arguments.of("Sn_RXBUF_SIZE", Sn_RXBUF_SIZE, 1, 0x04L),
            Arguments.of("Sn_TXBUF_SIZE", Sn_TXBUF_SIZE, 1, 0x08L),
            Arguments.of("Sn_TX_WR", Sn_TX_WR, 2, 0x0123L),
            Arguments.of("Sn_RX_RD", Sn_RX_RD, 2, 0x0456L),
            Arguments.of("Sn_IMR", Sn_IMR, 1, 0x15L),
            Arguments.of("Sn_FRAG", Sn_FRAG, 2, 0x0000L),
            Arguments.of("Sn_KPALVTR", Sn_KPALVTR, 1, 0x02L));
    }

    static Stream<Arguments> socketReadOnly() {
        return Stream.of(
            Arguments.of("Sn_SR", Sn_SR, 1, 0L),
            Arguments.of("Sn_TX_FSR", Sn_TX_FSR, 2, 0x0800L),
            Arguments.of("Sn_TX_RD", Sn_TX_RD, 2, 0L),
            Arguments.of("Sn_RX_RSR", Sn_RX_RSR, 2, 0L),
            Arguments.of("Sn_RX_WR", Sn_RX_WR, 2, 0L));
    }

    static byte[] bytes(long v, int width) {
        byte[] b = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>= 8;
        }
        return b;
    }

    @ParameterizedTest(name = "{0} is read/write")
    @MethodSource("commonReadWrite")
    void commonReadWriteRegister(String name, int offset, int width, long written, long readBack) {
        spi.write(BSB_COMMON, offset, bytes(written, width));
        assertEquals(readBack, RegisterResetTest.readWide(spi, BSB_COMMON, offset, width), name);
        assertTrue(events.diagnostics().isEmpty(), events.diagnostics().toString());
    }

    @ParameterizedTest(name = "{0} is read-only")
    @MethodSource("commonReadOnly")
    void commonReadOnlyRegister(String name, int offset, int width, long value) {
        spi.write(BSB_COMMON, offset, bytes(0x5A5A5A5A5A5AL, width));
        assertEquals(value, RegisterResetTest.readWide(spi, BSB_COMMON, offset, width), name);
        assertTrue(events.diagnosed("read-only " + name), events.diagnostics().toString());
    }

    @ParameterizedTest(name = "{0} is read/write on every socket")
    @MethodSource("socketReadWrite")
    void socketReadWriteRegister(String name, int offset, int width, long value) {
        for (int sn = 0; sn < 8; sn++) {
            spi.write(socketBlock(sn), offset, bytes(value + sn, width));
        }
        for (int sn = 0; sn < 8; sn++) {
            assertEquals(value + sn, RegisterResetTest.readWide(spi, socketBlock(sn), offset, width), "S" + sn + " " + name);
        }
    }

    @ParameterizedTest(name = "{0} is read-only")
    @MethodSource("socketReadOnly")
    void socketReadOnlyRegister(String name, int offset, int width, long value) {
        spi.write(socketBlock(3), offset, bytes(0x5A5A, width));
        assertEquals(value, RegisterResetTest.readWide(spi, socketBlock(3), offset, width), name);
        assertTrue(events.diagnosed("read-only " + name.replace("Sn_", "S3_")), events.diagnostics().toString());
    }

    @Test
    void snCrReadsZeroOnceTheCommandIsTaken() {
        spi.sreg8(2, Sn_MR, Sn_MR_TCP);
        spi.sreg8(2, Sn_CR, Sn_CR_OPEN);
        assertEquals(0, spi.sreg8(2, Sn_CR));
        assertEquals(SOCK_INIT, spi.sr(2));
        ChipEvent.Command c = events.of(ChipEvent.Command.class).get(0);
        assertEquals(2, c.socket());
        assertEquals(Sn_CR_OPEN, c.command());
        assertEquals(SOCK_CLOSED, c.stateBefore());
    }

    @Test
    void snIrBitsClearWhenOneIsWritten() {
        spi.open(0, Sn_MR_UDP, 5000);
        spi.destination(0, 255, 255, 255, 255, 9);
        spi.send(0, new byte[] {1});
        assertEquals(Sn_IR_SENDOK, spi.ir(0));
        spi.clearIr(0, 0x00);               // writing 0 clears nothing
        assertEquals(Sn_IR_SENDOK, spi.ir(0));
        spi.clearIr(0, Sn_IR_RECV);         // another bit: still set
        assertEquals(Sn_IR_SENDOK, spi.ir(0));
        spi.clearIr(0, Sn_IR_SENDOK);
        assertEquals(0, spi.ir(0));
    }

    @Test
    void irBitsClearWhenOneIsWritten() {
        chip.icmpUnreachable(new byte[] {127, 0, 0, 1}, 9999);
        chip.ipConflict();
        assertEquals(IR_UNREACH | IR_CONFLICT, spi.read8(BSB_COMMON, IR));
        assertEquals(0x7F000001L, RegisterResetTest.readWide(spi, BSB_COMMON, UIPR, 4));
        assertEquals(9999, spi.read16(BSB_COMMON, UPORTR));
        spi.write8(BSB_COMMON, IR, IR_CONFLICT);
        assertEquals(IR_UNREACH, spi.read8(BSB_COMMON, IR));
        spi.write8(BSB_COMMON, IR, 0xFF);
        assertEquals(0, spi.read8(BSB_COMMON, IR));
    }

    @Test
    void phycfgrStatusBitsAreReadOnlyAndFollowTheConfiguration() {
        spi.write8(BSB_COMMON, PHYCFGR, 0x80 | PHY_OPMD | (0 << 3)); // forced 10BT half
        assertEquals(0xC0 | PHY_LNK, spi.read8(BSB_COMMON, PHYCFGR));
        spi.write8(BSB_COMMON, PHYCFGR, 0x80 | PHY_OPMD | (6 << 3)); // power down
        assertEquals(0xF0, spi.read8(BSB_COMMON, PHYCFGR));
        spi.write8(BSB_COMMON, PHYCFGR, 0x38);                         // PHY held in reset: no link
        assertEquals(0x38, spi.read8(BSB_COMMON, PHYCFGR));
        spi.write8(BSB_COMMON, PHYCFGR, 0xB8);                         // out of reset, auto
        assertEquals(0xBF, spi.read8(BSB_COMMON, PHYCFGR));
        spi.write8(BSB_COMMON, PHYCFGR, 0x80 | PHY_OPMD | (2 << 3) | 0x07); // 100BT half; status bits written 1
        assertEquals(0xD0 | PHY_SPD | PHY_LNK, spi.read8(BSB_COMMON, PHYCFGR));
    }

    @Test
    void sirIsSnIrMaskedBySnImr() {
        spi.open(5, Sn_MR_UDP, 5000);
        spi.destination(5, 255, 255, 255, 255, 9);
        spi.send(5, new byte[] {1});
        assertEquals(1 << 5, spi.read8(BSB_COMMON, SIR));
        spi.sreg8(5, Sn_IMR, 0xFF & ~Sn_IR_SENDOK);
        assertEquals(0, spi.read8(BSB_COMMON, SIR));
        assertEquals(Sn_IR_SENDOK, spi.ir(5), "Sn_IR still holds the bit");
    }

    @Test
    void reservedOffsetsReadZeroAndIgnoreWrites() {
        spi.write(BSB_COMMON, 0x30, (byte) 0x55);
        assertEquals(0, spi.read8(BSB_COMMON, 0x30));
        spi.write(socketBlock(1), 0x14, (byte) 0x55);
        spi.write(socketBlock(1), 0x30, (byte) 0x55);
        assertEquals(0, spi.read8(socketBlock(1), 0x14));
        assertEquals(0, spi.read8(socketBlock(1), 0x30));
        assertTrue(events.diagnosed("reserved"));
    }

    @Test
    void bufferSizeOutsideTheDatasheetValuesIsDiagnosed() {
        spi.sreg8(0, Sn_TXBUF_SIZE, 3);
        assertTrue(events.diagnosed("not a datasheet size"));
        assertEquals(0, spi.txFree(0));
        assertFalse(events.diagnosed("add up to"));
    }
}
