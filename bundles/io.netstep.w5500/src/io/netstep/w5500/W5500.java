package io.netstep.w5500;

import io.netstep.w5500.internal.BufferMemory;
import io.netstep.w5500.internal.Bus;
import io.netstep.w5500.internal.CommonBlock;
import io.netstep.w5500.internal.Emitter;
import io.netstep.w5500.internal.Interrupts;
import io.netstep.w5500.internal.SocketMachine;
import io.netstep.w5500.internal.SpiFrameDecoder;

/**
 * The WIZnet W5500 as its SPI master sees it: common registers, 8 sockets, 16 KB TX and 16 KB
 * RX buffer memory, socket commands, interrupts and the INTn pin. Time comes only from the
 * {@link Clock}; {@link #tick()} runs the retransmission timers. Every public method is
 * synchronized and none throws: bad input is reported as a {@link ChipEvent.Diagnostic} and
 * the chip carries on, like the hardware would.
 */
public final class W5500 implements HostEvents {

    private final Emitter out;
    private final HostNetwork net;
    private final Interrupts irq;
    private final BufferMemory tx = new BufferMemory();
    private final BufferMemory rx = new BufferMemory();
    private final CommonBlock common;
    private final SocketMachine[] sockets = new SocketMachine[8];
    private final SpiFrameDecoder spi;

    public W5500(Clock clock, HostNetwork network) {
        this.out = new Emitter(clock != null ? clock : () -> 0L);
        this.net = network != null ? network : HostNetwork.NONE;
        this.irq = new Interrupts(out);
        this.common = new CommonBlock(irq, out, () -> reset(true));
        for (int sn = 0; sn < 8; sn++) {
            sockets[sn] = new SocketMachine(sn, common, irq, tx, rx, net, out);
        }
        this.spi = new SpiFrameDecoder(new BlockBus(), out);
    }

    public synchronized void addListener(ChipListener l) {
        out.add(l);
    }

    /** SCSn low: a frame starts. */
    public synchronized void select() {
        spi.select();
    }

    /** Full duplex: returns the MISO bytes clocked out while {@code mosi} was clocked in. */
    public synchronized byte[] exchange(byte[] mosi) {
        return spi.exchange(mosi);
    }

    /** SCSn high: the frame ends (one {@link ChipEvent.SpiFrame}). */
    public synchronized void deselect() {
        spi.deselect();
    }

    /** Runs time-driven behaviour (ARP/TCP retransmission timeouts) up to the clock's now. */
    public synchronized void tick() {
        long now = out.now();
        for (SocketMachine s : sockets) {
            s.tick(now);
        }
    }

    /** INTn: true = asserted (low). */
    public synchronized boolean intLine() {
        return irq.line();
    }

    /** Reads a byte of any block without side effects (reads have none on this chip model). */
    public synchronized int peek(int block, int offset) {
        if (!validAddress(block, offset)) {
            return 0;
        }
        return read(block, offset);
    }

    /** A debugger write: the same rules as an SPI write (Sn_CR runs the command, IR bits clear...). */
    public synchronized void poke(int block, int offset, int value) {
        if (validAddress(block, offset)) {
            write(block, offset, value & 0xFF);
        }
    }

    /** RSTn pulse: everything back to reset values; open host connections are dropped. */
    public synchronized void hardwareReset() {
        reset(false);
    }

    private boolean validAddress(int block, int offset) {
        if (block < 0 || block > 31 || offset < 0 || offset > 0xFFFF) {
            out.diag(-1, "peek/poke outside the chip: block " + block + ", offset " + offset);
            return false;
        }
        return true;
    }

    private void reset(boolean software) {
        for (int sn = 0; sn < 8; sn++) {
            if (sockets[sn].state() != Registers.SOCK_CLOSED) {
                int n = sn;
                try {
                    net.close(n);
                } catch (RuntimeException e) {
                    out.diag(sn, "network failed in close: " + e);
                }
            }
            sockets[sn].reset();
        }
        common.reset();
        irq.reset();
        tx.reset();
        rx.reset();
        out.emit(new ChipEvent.Reset(out.now(), software));
    }

    private int read(int bsb, int offset) {
        if (bsb == Registers.BSB_COMMON) {
            return common.read(offset);
        }
        if (Registers.isReservedBlock(bsb)) {
            return 0;
        }
        int sn = (bsb - 1) / 4;
        switch ((bsb - 1) % 4) {
            case 0: return sockets[sn].regs().read(offset);
            case 1: return tx.read(sn, offset);
            default: return rx.read(sn, offset);
        }
    }

    private void write(int bsb, int offset, int value) {
        if (bsb == Registers.BSB_COMMON) {
            common.write(offset, value);
            return;
        }
        if (Registers.isReservedBlock(bsb)) {
            return;
        }
        int sn = (bsb - 1) / 4;
        switch ((bsb - 1) % 4) {
            case 0: sockets[sn].regs().write(offset, value); break;
            case 1: tx.write(sn, offset, value); break;
            default: rx.write(sn, offset, value); break;
        }
    }

    private final class BlockBus implements Bus {
        @Override public int read(int bsb, int offset) { return W5500.this.read(bsb, offset); }

        @Override public void write(int bsb, int offset, int value) { W5500.this.write(bsb, offset, value); }

        @Override public String check(int bsb, int offset, boolean write) {
            if (Registers.isReservedBlock(bsb)) {
                return "BSB " + bsb + " is reserved (not a block of the W5500): reads give 0, writes are lost";
            }
            if (bsb == Registers.BSB_COMMON) {
                return offset >= Registers.COMMON_END
                        ? String.format("frame starts at 0x%04X, past the common registers (reserved)", offset) : null;
            }
            int sn = (bsb - 1) / 4;
            int kind = (bsb - 1) % 4;
            if (kind == 0) {
                return offset >= Registers.SOCKET_END
                        ? String.format("frame starts at 0x%04X, past socket %d's registers (reserved)", offset, sn) : null;
            }
            BufferMemory mem = kind == 1 ? tx : rx;
            if (mem.size(sn) == 0) {
                return "socket " + sn + " has a 0 KB " + (kind == 1 ? "TX" : "RX")
                        + " buffer: reads give 0, writes are lost";
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- HostEvents (network → chip)

    private boolean badSocket(int sn, String what) {
        if (sn < 0 || sn > 7) {
            out.diag(-1, "network event " + what + " for socket " + sn + ", which does not exist: ignored");
            return true;
        }
        return false;
    }

    private boolean badAddress(int sn, byte[] ip, int port, String what) {
        if (ip == null || ip.length != 4 || port < 0 || port > 0xFFFF) {
            out.diag(sn, "network event " + what + " with a malformed address: ignored");
            return true;
        }
        return false;
    }

    @Override public synchronized void tcpConnected(int sn) {
        if (!badSocket(sn, "tcpConnected")) {
            sockets[sn].tcpConnected();
        }
    }

    @Override public synchronized void tcpRefused(int sn) {
        if (!badSocket(sn, "tcpRefused")) {
            sockets[sn].tcpRefused();
        }
    }

    @Override public synchronized void tcpAccepted(int sn, byte[] peerIp, int peerPort) {
        if (!badSocket(sn, "tcpAccepted") && !badAddress(sn, peerIp, peerPort, "tcpAccepted")) {
            sockets[sn].tcpAccepted(peerIp.clone(), peerPort);
        }
    }

    @Override public synchronized int tcpData(int sn, byte[] data, int off, int len) {
        if (badSocket(sn, "tcpData")) {
            return 0;
        }
        if (data == null || off < 0 || len < 0 || off > data.length - len) {
            out.diag(sn, "network event tcpData with a bad buffer range: ignored");
            return 0;
        }
        return sockets[sn].tcpData(data, off, len);
    }

    @Override public synchronized void tcpPeerClosed(int sn) {
        if (!badSocket(sn, "tcpPeerClosed")) {
            sockets[sn].tcpPeerClosed();
        }
    }

    @Override public synchronized void tcpReset(int sn) {
        if (!badSocket(sn, "tcpReset")) {
            sockets[sn].tcpReset();
        }
    }

    @Override public synchronized void udpData(int sn, byte[] srcIp, int srcPort, byte[] data) {
        udpData(sn, srcIp, srcPort, null, data);
    }

    @Override public synchronized void udpData(int sn, byte[] srcIp, int srcPort, byte[] dstIp, byte[] data) {
        if (badSocket(sn, "udpData") || badAddress(sn, srcIp, srcPort, "udpData")) {
            return;
        }
        if (data == null || (dstIp != null && dstIp.length != 4)) {
            out.diag(sn, "network event udpData without data or with a malformed destination: ignored");
            return;
        }
        sockets[sn].udpData(srcIp.clone(), srcPort, dstIp == null ? null : dstIp.clone(), data);
    }

    @Override public synchronized void macrawFrame(byte[] frame) {
        if (frame == null) {
            out.diag(0, "network event macrawFrame without a frame: ignored");
            return;
        }
        sockets[0].macrawFrame(frame);
    }

    @Override public synchronized void icmpUnreachable(byte[] ip, int port) {
        if (!badAddress(-1, ip, port, "icmpUnreachable")) {
            common.unreachable(ip, port);
        }
    }

    @Override public synchronized void ipConflict() {
        irq.raiseIr(Registers.IR_CONFLICT);
    }
}
