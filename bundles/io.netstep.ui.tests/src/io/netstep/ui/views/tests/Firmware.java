package io.netstep.ui.views.tests;

import io.netstep.session.Session;
import io.netstep.w5500.Registers;

/**
 * Plays the firmware's part over the session's bridge entry point ({@link Session#frame}),
 * one SPI chip-select frame per call, as the C shim would: the real chip model answers.
 */
final class Firmware {

    private final Session session;

    Firmware(Session session) {
        this.session = session;
    }

    void write(int bsb, int offset, int... data) throws Exception {
        byte[] mosi = new byte[3 + data.length];
        mosi[0] = (byte) (offset >> 8);
        mosi[1] = (byte) offset;
        mosi[2] = (byte) Registers.control(bsb, true, Registers.OM_VDM);
        for (int i = 0; i < data.length; i++) {
            mosi[3 + i] = (byte) data[i];
        }
        session.frame(true, mosi, 0, true);
    }

    byte[] read(int bsb, int offset, int length) throws Exception {
        byte[] mosi = { (byte) (offset >> 8), (byte) offset, (byte) Registers.control(bsb, false, Registers.OM_VDM) };
        return session.frame(true, mosi, length, true).miso();
    }

    /** What ioLibrary's wizchip_init + socket(0, Sn_MR_TCP, 5000, 0) do, in short. */
    void configureAndOpenSocket0() throws Exception {
        write(Registers.BSB_COMMON, Registers.SHAR, 0x00, 0x08, 0xDC, 0x01, 0x02, 0x03);
        write(Registers.BSB_COMMON, Registers.SIPR, 192, 168, 1, 50);
        write(Registers.BSB_COMMON, Registers.SUBR, 255, 255, 255, 0);
        write(Registers.socketBlock(0), Registers.Sn_MR, Registers.Sn_MR_TCP);
        write(Registers.socketBlock(0), Registers.Sn_PORT, 0x13, 0x88);
        write(Registers.socketBlock(0), Registers.Sn_CR, Registers.Sn_CR_OPEN);
        read(Registers.socketBlock(0), Registers.Sn_SR, 1);
    }
}
