package io.netstep.net;

import io.netstep.w5500.W5500;

import java.util.Arrays;

/**
 * The few ioLibrary-style register operations the chip integration test needs, as SPI frames
 * (16-bit address, control byte BSB&lt;&lt;3 | RWB&lt;&lt;2 | OM, data). Call on the chip thread.
 */
final class SpiDriver {

    static final int MR = 0x00, GAR = 0x01, SUBR = 0x05, SHAR = 0x09, SIPR = 0x0F;
    static final int Sn_MR = 0x00, Sn_CR = 0x01, Sn_IR = 0x02, Sn_SR = 0x03, Sn_PORT = 0x04, Sn_DIPR = 0x0C,
            Sn_DPORT = 0x10, Sn_TX_FSR = 0x20, Sn_TX_WR = 0x24, Sn_RX_RSR = 0x26, Sn_RX_RD = 0x28;
    static final int OPEN = 0x01, CONNECT = 0x04, DISCON = 0x08, CLOSE = 0x10, SEND = 0x20, RECV = 0x40;
    static final int MODE_TCP = 0x01, MODE_UDP = 0x02;
    static final int SOCK_INIT = 0x13, SOCK_ESTABLISHED = 0x17, SOCK_CLOSE_WAIT = 0x1C, SOCK_UDP = 0x22;
    static final int BUF = 2048; // Sn_TXBUF_SIZE / Sn_RXBUF_SIZE at reset

    private final W5500 chip;

    SpiDriver(W5500 chip) {
        this.chip = chip;
    }

    static int reg(int sn) { return 1 + 4 * sn; }
    static int txBuf(int sn) { return 2 + 4 * sn; }
    static int rxBuf(int sn) { return 3 + 4 * sn; }

    void write(int bsb, int addr, byte... data) {
        byte[] f = new byte[3 + data.length];
        f[0] = (byte) (addr >>> 8);
        f[1] = (byte) addr;
        f[2] = (byte) (bsb << 3 | 0x04);
        System.arraycopy(data, 0, f, 3, data.length);
        chip.select();
        chip.exchange(f);
        chip.deselect();
    }

    byte[] read(int bsb, int addr, int n) {
        byte[] f = new byte[3 + n];
        f[0] = (byte) (addr >>> 8);
        f[1] = (byte) addr;
        f[2] = (byte) (bsb << 3);
        chip.select();
        byte[] miso = chip.exchange(f);
        chip.deselect();
        return Arrays.copyOfRange(miso, 3, 3 + n);
    }

    int u8(int bsb, int addr) {
        return read(bsb, addr, 1)[0] & 0xFF;
    }

    /** 16-bit counters are read until two reads agree, as ioLibrary does. */
    int u16(int bsb, int addr) {
        while (true) {
            byte[] a = read(bsb, addr, 2);
            byte[] b = read(bsb, addr, 2);
            if (Arrays.equals(a, b)) return (a[0] & 0xFF) << 8 | (a[1] & 0xFF);
        }
    }

    void w16(int bsb, int addr, int v) {
        write(bsb, addr, (byte) (v >>> 8), (byte) v);
    }

    void command(int sn, int cr) {
        write(reg(sn), Sn_CR, (byte) cr);
    }

    int status(int sn) {
        return u8(reg(sn), Sn_SR);
    }

    void open(int sn, int mode, int port) {
        write(reg(sn), Sn_MR, (byte) mode);
        w16(reg(sn), Sn_PORT, port);
        command(sn, OPEN);
    }

    void destination(int sn, byte[] ip, int port) {
        write(reg(sn), Sn_DIPR, ip);
        w16(reg(sn), Sn_DPORT, port);
    }

    /** Copies {@code data} into the TX ring at Sn_TX_WR (never crossing the ring's end in one frame) and SENDs. */
    void send(int sn, byte[] data) {
        int wr = u16(reg(sn), Sn_TX_WR);
        int off = 0;
        while (off < data.length) {
            int at = (wr + off) & (BUF - 1);
            int n = Math.min(data.length - off, BUF - at);
            write(txBuf(sn), at, Arrays.copyOfRange(data, off, off + n));
            off += n;
        }
        w16(reg(sn), Sn_TX_WR, (wr + data.length) & 0xFFFF);
        command(sn, SEND);
    }

    int txFree(int sn) {
        return u16(reg(sn), Sn_TX_FSR);
    }

    int rxSize(int sn) {
        return u16(reg(sn), Sn_RX_RSR);
    }

    /** Reads {@code n} bytes at Sn_RX_RD, advances it and issues RECV. */
    byte[] recv(int sn, int n) {
        int rd = u16(reg(sn), Sn_RX_RD);
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            int at = (rd + off) & (BUF - 1);
            int k = Math.min(n - off, BUF - at);
            System.arraycopy(read(rxBuf(sn), at, k), 0, out, off, k);
            off += k;
        }
        w16(reg(sn), Sn_RX_RD, (rd + n) & 0xFFFF);
        command(sn, RECV);
        return out;
    }

    int interrupts(int sn) {
        return u8(reg(sn), Sn_IR);
    }

    void clearInterrupts(int sn, int bits) {
        write(reg(sn), Sn_IR, (byte) bits);
    }
}
