package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;

import io.netstep.w5500.W5500;
import java.util.Arrays;

/**
 * Drives the chip through SPI frames the way WIZnet ioLibrary (w5500.c, socket.c) does:
 * 2 address bytes, the control byte, then data, one chip-select frame per access.
 */
final class Spi {
    final W5500 chip;

    Spi(W5500 chip) {
        this.chip = chip;
    }

    static byte[] header(int address, int control) {
        return new byte[] {(byte) (address >> 8), (byte) address, (byte) control};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** One variable-length write frame. */
    void write(int bsb, int address, byte... data) {
        chip.select();
        chip.exchange(concat(header(address, control(bsb, true, OM_VDM)), data));
        chip.deselect();
    }

    /** One variable-length read frame of {@code len} data bytes. */
    byte[] read(int bsb, int address, int len) {
        chip.select();
        byte[] miso = chip.exchange(concat(header(address, control(bsb, false, OM_VDM)), new byte[len]));
        chip.deselect();
        return Arrays.copyOfRange(miso, 3, miso.length);
    }

    int read8(int bsb, int address) {
        return read(bsb, address, 1)[0] & 0xFF;
    }

    void write8(int bsb, int address, int v) {
        write(bsb, address, (byte) v);
    }

    /** ioLibrary reads 16-bit registers byte by byte, each its own frame. */
    int read16(int bsb, int address) {
        return read8(bsb, address) << 8 | read8(bsb, address + 1);
    }

    /** setSn_TX_WR and friends: high byte, then low byte, each its own frame. */
    void write16(int bsb, int address, int v) {
        write8(bsb, address, v >> 8);
        write8(bsb, address + 1, v);
    }

    /** getSn_TX_FSR / getSn_RX_RSR: read (twice when non-zero) until two reads agree. */
    int readStable16(int bsb, int address) {
        int val = 0;
        int val1;
        do {
            val1 = read16(bsb, address);
            if (val1 != 0) {
                val = read16(bsb, address);
            }
        } while (val != val1);
        return val;
    }

    // ---- common registers
    void ip(int offset, int a, int b, int c, int d) {
        write(BSB_COMMON, offset, (byte) a, (byte) b, (byte) c, (byte) d);
    }

    /** A typical network setup: 192.168.1.50/24, gateway 192.168.1.1. */
    void netConfig() {
        write(BSB_COMMON, SHAR, new byte[] {0x00, 0x08, (byte) 0xDC, 0x01, 0x02, 0x03});
        ip(GAR, 192, 168, 1, 1);
        ip(SUBR, 255, 255, 255, 0);
        ip(SIPR, 192, 168, 1, 50);
    }

    // ---- socket registers
    int sreg8(int sn, int offset) {
        return read8(socketBlock(sn), offset);
    }

    void sreg8(int sn, int offset, int v) {
        write8(socketBlock(sn), offset, v);
    }

    int sreg16(int sn, int offset) {
        return read16(socketBlock(sn), offset);
    }

    void sreg16(int sn, int offset, int v) {
        write16(socketBlock(sn), offset, v);
    }

    int sr(int sn) {
        return sreg8(sn, Sn_SR);
    }

    int ir(int sn) {
        return sreg8(sn, Sn_IR);
    }

    void clearIr(int sn, int bits) {
        sreg8(sn, Sn_IR, bits);
    }

    /** setSn_CR + while(getSn_CR(sn)). */
    void command(int sn, int cr) {
        sreg8(sn, Sn_CR, cr);
        int guard = 0;
        while (sreg8(sn, Sn_CR) != 0) {
            if (++guard > 1000) {
                throw new AssertionError("Sn_CR never cleared");
            }
        }
    }

    /** socket(): close, set Sn_MR and Sn_PORT, OPEN. */
    void open(int sn, int protocol, int port) {
        command(sn, Sn_CR_CLOSE);
        sreg8(sn, Sn_IR, 0xFF);
        sreg8(sn, Sn_MR, protocol);
        sreg16(sn, Sn_PORT, port);
        command(sn, Sn_CR_OPEN);
    }

    void destination(int sn, int a, int b, int c, int d, int port) {
        write(socketBlock(sn), Sn_DIPR, (byte) a, (byte) b, (byte) c, (byte) d);
        sreg16(sn, Sn_DPORT, port);
    }

    int txFree(int sn) {
        return readStable16(socketBlock(sn), Sn_TX_FSR);
    }

    int rxReceived(int sn) {
        return readStable16(socketBlock(sn), Sn_RX_RSR);
    }

    /** wiz_send_data: write at Sn_TX_WR (the full 16-bit pointer, the chip wraps), advance it. */
    void putTx(int sn, byte[] data) {
        int ptr = sreg16(sn, Sn_TX_WR);
        write(txBlock(sn), ptr, data);
        sreg16(sn, Sn_TX_WR, (ptr + data.length) & 0xFFFF);
    }

    /** send()/sendto(): data into the TX ring, then SEND. */
    void send(int sn, byte[] data) {
        putTx(sn, data);
        command(sn, Sn_CR_SEND);
    }

    /** wiz_recv_data + RECV: read at Sn_RX_RD, advance it, RECV. */
    byte[] recv(int sn, int len) {
        int ptr = sreg16(sn, Sn_RX_RD);
        byte[] data = read(rxBlock(sn), ptr, len);
        sreg16(sn, Sn_RX_RD, (ptr + len) & 0xFFFF);
        command(sn, Sn_CR_RECV);
        return data;
    }
}
