package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPI frame decoding (datasheet chapter 2): phases, modes, block selects, auto-increment, edge cases. */
class SpiFramingTest {

    final Events events = new Events();
    W5500 chip;
    Spi spi;

    @BeforeEach
    void setUp() {
        chip = new W5500(new ManualClock(), HostNetwork.NONE);
        chip.addListener(events);
        spi = new Spi(chip);
    }

    @Test
    void misoShowsPhaseNumbersDuringTheHeaderThenData() {
        chip.select();
        byte[] miso = chip.exchange(new byte[] {0x00, 0x39, 0x00, 0x00});
        chip.deselect();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, miso); // 0x01 0x02 0x03 then VERSIONR
    }

    @Test
    void variableLengthFrameAutoIncrementsAcrossRegisters() {
        spi.write(BSB_COMMON, GAR, new byte[] {(byte) 192, (byte) 168, 1, 1, (byte) 255, (byte) 255, (byte) 255, 0});
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}, spi.read(BSB_COMMON, SUBR, 4));
        List<ChipEvent.SpiFrame> frames = events.of(ChipEvent.SpiFrame.class);
        assertEquals(2, frames.size(), "one SpiFrame per chip-select frame");
        ChipEvent.SpiFrame w = frames.get(0);
        assertEquals(BSB_COMMON, w.block());
        assertEquals(GAR, w.offset());
        assertTrue(w.write());
        assertEquals(OM_VDM, w.om());
        assertEquals(8, w.data().length);
        assertNull(w.problem());
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}, frames.get(1).data());
    }

    @ParameterizedTest(name = "fixed length OM={0}")
    @ValueSource(ints = {1, 2, 3})
    void fixedLengthFramesEndByThemselves(int om) {
        int n = om == 3 ? 4 : om;
        byte[] data = {10, 20, 30, 40};
        // two back-to-back fixed-length writes inside one chip select: the second header follows the first data
        chip.select();
        chip.exchange(Spi.concat(Spi.header(SIPR, control(BSB_COMMON, true, om)), java.util.Arrays.copyOf(data, n)));
        chip.exchange(Spi.concat(Spi.header(GAR, control(BSB_COMMON, true, om)), java.util.Arrays.copyOf(data, n)));
        chip.deselect();
        assertArrayEquals(java.util.Arrays.copyOf(data, n), spi.read(BSB_COMMON, SIPR, n));
        assertArrayEquals(java.util.Arrays.copyOf(data, n), spi.read(BSB_COMMON, GAR, n));
        List<ChipEvent.SpiFrame> frames = events.of(ChipEvent.SpiFrame.class);
        assertEquals(om, frames.get(0).om());
        assertEquals(n, frames.get(0).data().length);
        assertNull(frames.get(0).problem());
        assertNull(frames.get(1).problem());
        // a fixed-length read returns exactly n data bytes; the rest are a new frame's header
        chip.select();
        byte[] miso = chip.exchange(Spi.concat(Spi.header(SIPR, control(BSB_COMMON, false, om)), new byte[n]));
        chip.deselect();
        assertArrayEquals(java.util.Arrays.copyOf(data, n), java.util.Arrays.copyOfRange(miso, 3, 3 + n));
    }

    @Test
    void fixedLengthFrameWithTooFewBytesKeepsWhatWasClocked() {
        chip.select();
        chip.exchange(Spi.concat(Spi.header(SIPR, control(BSB_COMMON, true, OM_FDM4)), new byte[] {9, 8}));
        chip.deselect();
        assertArrayEquals(new byte[] {9, 8, 0, 0}, spi.read(BSB_COMMON, SIPR, 4));
        ChipEvent.SpiFrame f = events.of(ChipEvent.SpiFrame.class).get(0);
        assertNotNull(f.problem());
        assertTrue(f.problem().contains("after 2 data byte"), f.problem());
        assertTrue(events.diagnosed("fixed-length frame of 4"));
    }

    @Test
    void fixedLengthFrameWithTooManyBytesStartsANewFrame() {
        chip.select();
        chip.exchange(Spi.concat(Spi.header(RCR, control(BSB_COMMON, true, OM_FDM1)), new byte[] {3, 0x00}));
        chip.deselect();
        assertEquals(3, spi.read8(BSB_COMMON, RCR));
        List<ChipEvent.SpiFrame> frames = events.of(ChipEvent.SpiFrame.class);
        assertNull(frames.get(0).problem());
        assertTrue(frames.get(1).problem().contains("1 of 3 header bytes"), frames.get(1).problem());
        assertTrue(frames.get(1).problem().contains("fixed-length"), frames.get(1).problem());
    }

    @Test
    void deselectDuringTheHeaderIgnoresTheFrame() {
        chip.select();
        chip.exchange(new byte[] {0x00, RCR});
        chip.deselect();
        assertEquals(8, spi.read8(BSB_COMMON, RCR));
        ChipEvent.SpiFrame f = events.of(ChipEvent.SpiFrame.class).get(0);
        assertEquals(-1, f.block());
        assertTrue(f.problem().contains("2 of 3"));
        assertTrue(events.diagnosed("cut short"));
    }

    @Test
    void headerSplitOverSeveralExchangesIsOneFrame() {
        chip.select();
        chip.exchange(new byte[] {0x00});
        chip.exchange(new byte[] {RCR, (byte) control(BSB_COMMON, true, OM_VDM)});
        chip.exchange(new byte[] {5});
        chip.deselect();
        assertEquals(5, spi.read8(BSB_COMMON, RCR));
        assertNull(events.of(ChipEvent.SpiFrame.class).get(0).problem());
    }

    @Test
    void frameWithoutDataPhaseIsDiagnosed() {
        chip.select();
        chip.exchange(Spi.header(RCR, control(BSB_COMMON, true, OM_VDM)));
        chip.deselect();
        assertTrue(events.of(ChipEvent.SpiFrame.class).get(0).problem().contains("without a data phase"));
    }

    @Test
    void bytesWhileNotSelectedAreIgnored() {
        byte[] miso = chip.exchange(Spi.concat(Spi.header(RCR, control(BSB_COMMON, true, OM_VDM)), new byte[] {1}));
        assertArrayEquals(new byte[4], miso);
        assertEquals(8, spi.read8(BSB_COMMON, RCR));
        assertTrue(events.diagnosed("SCSn is high"));
        chip.exchange(null); // must not throw
    }

    @ParameterizedTest(name = "reserved BSB {0}")
    @ValueSource(ints = {4, 8, 12, 16, 20, 24, 28})
    void reservedBlockReadsZeroAndLosesWrites(int bsb) {
        spi.write(bsb, 0, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[3], spi.read(bsb, 0, 3));
        ChipEvent.SpiFrame f = events.of(ChipEvent.SpiFrame.class).get(0);
        assertEquals(bsb, f.block());
        assertTrue(f.problem().contains("reserved"), f.problem());
        // and no socket or buffer changed
        for (int sn = 0; sn < 8; sn++) {
            assertArrayEquals(new byte[3], spi.read(txBlock(sn), 0, 3));
            assertArrayEquals(new byte[3], spi.read(rxBlock(sn), 0, 3));
        }
    }

    @Test
    void everyBlockSelectReachesItsOwnBlock() {
        for (int sn = 0; sn < 8; sn++) {
            spi.write(socketBlock(sn), Sn_PORT, (byte) 0x10, (byte) sn);
            spi.write(txBlock(sn), 0x0100, (byte) (0xA0 + sn));
            spi.write(rxBlock(sn), 0x0100, (byte) (0xB0 + sn));
        }
        for (int sn = 0; sn < 8; sn++) {
            assertEquals(0x1000 | sn, spi.sreg16(sn, Sn_PORT));
            assertEquals(0xA0 + sn, spi.read8(txBlock(sn), 0x0100));
            assertEquals(0xB0 + sn, spi.read8(rxBlock(sn), 0x0100));
        }
        assertEquals(0, spi.read8(BSB_COMMON, Sn_PORT + 1 + 0x30)); // common 0x35: reserved
    }

    @Test
    void bufferOffsetsWrapAtTheBufferSizeAndAt16Bits() {
        // 2 KB buffer: offset 0x0800 is offset 0 again; the whole 16-bit range maps onto it
        spi.write(txBlock(0), 0x0000, (byte) 0x11);
        assertEquals(0x11, spi.read8(txBlock(0), 0x0800));
        assertEquals(0x11, spi.read8(txBlock(0), 0xF800));
        // a frame across 0xFFFF continues at 0x0000
        spi.write(txBlock(0), 0xFFFE, new byte[] {1, 2, 3, 4});
        assertArrayEquals(new byte[] {3, 4}, spi.read(txBlock(0), 0x0000, 2));
        assertArrayEquals(new byte[] {1, 2}, spi.read(txBlock(0), 0x07FE, 2));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, spi.read(txBlock(0), 0xFFFE, 4));
    }

    @Test
    void registerFramePastTheBlockEndReadsZero() {
        byte[] b = spi.read(BSB_COMMON, 0x0037, 4); // reserved 0x37, 0x38, VERSIONR, reserved 0x3A
        assertArrayEquals(new byte[] {0, 0, 4, 0}, b);
        byte[] s = spi.read(socketBlock(0), 0x002E, 3); // Sn_FRAG low, Sn_KPALVTR, reserved
        assertArrayEquals(new byte[] {0x00, 0x00, 0x00}, s);
        assertEquals(0x40, spi.read8(socketBlock(0), Sn_FRAG));
        spi.read(BSB_COMMON, 0xFFFF, 2); // wraps to MR
        assertTrue(events.diagnosed("past the common registers"));
    }

    @Test
    void zeroSizedBufferReadsZero() {
        spi.sreg8(1, Sn_RXBUF_SIZE, 0);
        spi.write(rxBlock(1), 0, (byte) 7);
        assertEquals(0, spi.read8(rxBlock(1), 0));
        assertTrue(events.diagnosed("0 KB RX buffer"));
    }

    @Test
    void selectTwiceAndDeselectTwiceAreDiagnosedNotFatal() {
        chip.select();
        chip.select();
        chip.deselect();
        chip.deselect();
        assertTrue(events.diagnosed("already low"));
        assertTrue(events.diagnosed("already high"));
        assertEquals(4, spi.read8(BSB_COMMON, VERSIONR));
    }
}
