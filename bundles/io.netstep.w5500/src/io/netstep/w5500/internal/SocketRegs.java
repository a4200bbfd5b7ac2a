package io.netstep.w5500.internal;

import static io.netstep.w5500.Registers.*;

import java.util.function.IntConsumer;

/**
 * One socket register block (BSB 1+4n) with its access rules. Sn_CR writes go to the
 * socket's command handler and the register reads 0 once the command is taken (at once).
 * Sn_IR bits clear when 1 is written. Sn_SR, Sn_TX_FSR, Sn_TX_RD, Sn_RX_RSR, Sn_RX_WR are
 * read-only. Sn_TX_FSR and Sn_RX_RSR are derived from the free-running 16-bit pointers
 * whenever a byte of them is read (so a 16-bit read can tear, as on the chip).
 */
public final class SocketRegs {

    private final int sn;
    private final byte[] regs = new byte[SOCKET_END];
    private final Interrupts irq;
    private final BufferMemory tx;
    private final BufferMemory rx;
    private final Emitter out;
    private final IntConsumer command;

    /** Sn_SR. */
    int sr;
    /** Sn_TX_RD: advanced by SEND; also the acknowledged pointer (the host TCP acks at once). */
    int txRd;
    /** Sn_RX_WR: advanced as data arrives. */
    int rxWr;
    /** The Sn_RX_RD the chip has taken with the last RECV command (frees RX space). */
    int rxRdTaken;

    public SocketRegs(int sn, Interrupts irq, BufferMemory tx, BufferMemory rx, Emitter out, IntConsumer command) {
        this.sn = sn;
        this.irq = irq;
        this.tx = tx;
        this.rx = rx;
        this.out = out;
        this.command = command;
        reset();
    }

    public void reset() {
        java.util.Arrays.fill(regs, (byte) 0);
        java.util.Arrays.fill(regs, Sn_DHAR, Sn_DHAR + 6, (byte) 0xFF);
        regs[Sn_TTL] = (byte) Sn_TTL_RESET;
        put16(Sn_FRAG, Sn_FRAG_RESET);
        sr = SOCK_CLOSED;
        txRd = 0;
        rxWr = 0;
        rxRdTaken = 0;
    }

    /** Pointers back to 0 (OPEN). */
    void clearPointers() {
        txRd = 0;
        rxWr = 0;
        rxRdTaken = 0;
        put16(Sn_TX_WR, 0);
        put16(Sn_RX_RD, 0);
    }

    public int mode() { return regs[Sn_MR] & 0xFF; }
    public int protocol() { return regs[Sn_MR] & Sn_MR_P; }
    public int port() { return u16(Sn_PORT); }
    public int dport() { return u16(Sn_DPORT); }
    public byte[] dipr() { return java.util.Arrays.copyOfRange(regs, Sn_DIPR, Sn_DIPR + 4); }
    public int mssr() { return u16(Sn_MSSR); }
    public int txWr() { return u16(Sn_TX_WR); }
    public int rxRd() { return u16(Sn_RX_RD); }

    void setPeer(byte[] ip, int port) {
        System.arraycopy(ip, 0, regs, Sn_DIPR, 4);
        put16(Sn_DPORT, port);
    }

    /** Bytes written by the host and not yet sent: Sn_TX_WR − Sn_TX_RD. */
    public int txPending() {
        return (txWr() - txRd) & 0xFFFF;
    }

    /** Sn_TX_FSR = size − (Sn_TX_WR − ack pointer); 0 if the host wrote past the free space. */
    public int txFree() {
        return Math.max(0, tx.size(sn) - txPending());
    }

    /** Sn_RX_RSR = Sn_RX_WR − (Sn_RX_RD as taken by RECV). */
    public int rxReceived() {
        return (rxWr - rxRdTaken) & 0xFFFF;
    }

    /** Free RX space, what a TCP window would advertise. */
    public int rxFree() {
        return Math.max(0, rx.size(sn) - rxReceived());
    }

    public int read(int offset) {
        switch (offset) {
            case Sn_CR: return 0;
            case Sn_IR: return irq.snIr(sn);
            case Sn_SR: return sr;
            case Sn_RXBUF_SIZE: return rx.sizeRegister(sn);
            case Sn_TXBUF_SIZE: return tx.sizeRegister(sn);
            case Sn_TX_FSR: return txFree() >> 8;
            case Sn_TX_FSR + 1: return txFree() & 0xFF;
            case Sn_TX_RD: return (txRd >> 8) & 0xFF;
            case Sn_TX_RD + 1: return txRd & 0xFF;
            case Sn_RX_RSR: return rxReceived() >> 8;
            case Sn_RX_RSR + 1: return rxReceived() & 0xFF;
            case Sn_RX_WR: return (rxWr >> 8) & 0xFF;
            case Sn_RX_WR + 1: return rxWr & 0xFF;
            case Sn_IMR: return irq.snImr(sn);
            default:
                return reserved(offset) ? 0 : regs[offset] & 0xFF;
        }
    }

    public void write(int offset, int v) {
        switch (offset) {
            case Sn_CR: command.accept(v); return;
            case Sn_IR: irq.clearSnIr(sn, v); return;
            case Sn_RXBUF_SIZE: setSize(rx, "Sn_RXBUF_SIZE", v); return;
            case Sn_TXBUF_SIZE: setSize(tx, "Sn_TXBUF_SIZE", v); return;
            case Sn_IMR: irq.setSnImr(sn, v); return;
            case Sn_SR: case Sn_TX_FSR: case Sn_TX_FSR + 1: case Sn_TX_RD: case Sn_TX_RD + 1:
            case Sn_RX_RSR: case Sn_RX_RSR + 1: case Sn_RX_WR: case Sn_RX_WR + 1:
                out.diag(sn, "write to read-only " + socketName(offset).replace("Sn_", "S" + sn + "_") + " ignored");
                return;
            default:
                if (reserved(offset)) {
                    out.diag(sn, String.format("write to reserved socket %d offset 0x%04X ignored", sn, offset));
                } else {
                    regs[offset] = (byte) v;
                }
        }
    }

    private void setSize(BufferMemory mem, String name, int v) {
        mem.setSizeRegister(sn, v);
        if (bufferBytes(v) < 0) {
            out.diag(sn, String.format("S%d_%s = %d is not a datasheet size (0,1,2,4,8,16): the model gives the socket no buffer",
                    sn, name.substring(3), v));
        }
        if (mem.totalBytes() > BufferMemory.TOTAL) {
            out.diag(sn, String.format("the %s of all sockets add up to %d KB, more than the 16 KB the chip has: "
                    + "the buffers past 16 KB wrap onto socket 0's memory", name, mem.totalBytes() / 1024));
        }
        if (sr != SOCK_CLOSED) {
            out.diag(sn, name.replace("Sn_", "S" + sn + "_") + " changed while the socket is open");
        }
    }

    private static boolean reserved(int offset) {
        return offset >= SOCKET_END || offset == 0x14 || (offset >= 0x17 && offset <= 0x1D);
    }

    private int u16(int offset) {
        return (regs[offset] & 0xFF) << 8 | regs[offset + 1] & 0xFF;
    }

    private void put16(int offset, int v) {
        regs[offset] = (byte) (v >> 8);
        regs[offset + 1] = (byte) v;
    }
}
