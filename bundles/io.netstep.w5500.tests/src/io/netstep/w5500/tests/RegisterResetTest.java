package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every register's value after power-on, read over SPI (datasheet chapter 4 "reset value"). */
class RegisterResetTest {

    static Stream<Arguments> commonRegisters() {
        return Stream.of(
            Arguments.of("MR", MR, 1, 0x00L),
            Arguments.of("GAR", GAR, 4, 0L),
            Arguments.of("SUBR", SUBR, 4, 0L),
            Arguments.of("SHAR", SHAR, 6, 0L),
            Arguments.of("SIPR", SIPR, 4, 0L),
            Arguments.of("INTLEVEL", INTLEVEL, 2, 0L),
            Arguments.of("IR", IR, 1, 0L),
            Arguments.of("IMR", IMR, 1, 0L),
            Arguments.of("SIR", SIR, 1, 0L),
            Arguments.of("SIMR", SIMR, 1, 0L),
            Arguments.of("RTR", RTR, 2, 0x07D0L),
            Arguments.of("RCR", RCR, 1, 0x08L),
            Arguments.of("PTIMER", PTIMER, 1, 0x28L),
            Arguments.of("PMAGIC", PMAGIC, 1, 0L),
            Arguments.of("PHAR", PHAR, 6, 0L),
            Arguments.of("PSID", PSID, 2, 0L),
            Arguments.of("PMRU", PMRU, 2, 0xFFFFL),
            Arguments.of("UIPR", UIPR, 4, 0L),
            Arguments.of("UPORTR", UPORTR, 2, 0L),
            // RST=1, OPMD=0, OPMDC=111 + link up, 100 Mbps, full duplex
            Arguments.of("PHYCFGR", PHYCFGR, 1, 0xBFL),
            Arguments.of("VERSIONR", VERSIONR, 1, 0x04L));
    }

    static Stream<Arguments> socketRegisters() {
        Object[][] regs = {
            {"Sn_MR", Sn_MR, 1, 0L}, {"Sn_CR", Sn_CR, 1, 0L}, {"Sn_IR", Sn_IR, 1, 0L},
            {"Sn_SR", Sn_SR, 1, 0L}, {"Sn_PORT", Sn_PORT, 2, 0L}, {"Sn_DHAR", Sn_DHAR, 6, 0xFFFFFFFFFFFFL},
            {"Sn_DIPR", Sn_DIPR, 4, 0L}, {"Sn_DPORT", Sn_DPORT, 2, 0L}, {"Sn_MSSR", Sn_MSSR, 2, 0L},
            {"Sn_TOS", Sn_TOS, 1, 0L}, {"Sn_TTL", Sn_TTL, 1, 0x80L}, {"Sn_RXBUF_SIZE", Sn_RXBUF_SIZE, 1, 0x02L},
            {"Sn_TXBUF_SIZE", Sn_TXBUF_SIZE, 1, 0x02L}, {"Sn_TX_FSR", Sn_TX_FSR, 2, 0x0800L},
            {"Sn_TX_RD", Sn_TX_RD, 2, 0L}, {"Sn_TX_WR", Sn_TX_WR, 2, 0L}, {"Sn_RX_RSR", Sn_RX_RSR, 2, 0L},
            {"Sn_RX_RD", Sn_RX_RD, 2, 0L}, {"Sn_RX_WR", Sn_RX_WR, 2, 0L}, {"Sn_IMR", Sn_IMR, 1, 0xFFL},
            {"Sn_FRAG", Sn_FRAG, 2, 0x4000L}, {"Sn_KPALVTR", Sn_KPALVTR, 1, 0L},
        };
        List<Arguments> out = new ArrayList<>();
        for (int sn = 0; sn < 8; sn++) {
            for (Object[] r : regs) {
                out.add(Arguments.of(sn, r[0], r[1], r[2], r[3]));
            }
        }
        return out.stream();
    }

    static long readWide(Spi spi, int bsb, int offset, int width) {
        byte[] b = spi.read(bsb, offset, width);
        long v = 0;
        for (byte x : b) {
            v = v << 8 | (x & 0xFF);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} resets to {3}")
    @MethodSource("commonRegisters")
    void commonRegisterResetValue(String name, int offset, int width, long reset) {
        Spi spi = new Spi(new W5500(new ManualClock(), HostNetwork.NONE));
        assertEquals(reset, readWide(spi, BSB_COMMON, offset, width), name);
        assertEquals(name, commonName(offset));
    }

    @ParameterizedTest(name = "S{0}: {1} resets to {4}")
    @MethodSource("socketRegisters")
    void socketRegisterResetValue(int sn, String name, int offset, int width, long reset) {
        Spi spi = new Spi(new W5500(new ManualClock(), HostNetwork.NONE));
        assertEquals(reset, readWide(spi, socketBlock(sn), offset, width), "S" + sn + " " + name);
        assertEquals(name, socketName(offset));
    }
}
