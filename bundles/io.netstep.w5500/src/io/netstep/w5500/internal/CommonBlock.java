package io.netstep.w5500.internal;

import static io.netstep.w5500.Registers.*;

/**
 * The common register block (BSB 0) with its access rules: MR RST triggers a software reset
 * and reads back 0; IR bits clear when 1 is written; SIR, UIPR, UPORTR, VERSIONR and the
 * PHYCFGR status bits are read-only; reserved offsets read 0 and ignore writes.
 */
public final class CommonBlock {

    private final byte[] regs = new byte[COMMON_END];
    private final Interrupts irq;
    private final Emitter out;
    private final Runnable softwareReset;

    public CommonBlock(Interrupts irq, Emitter out, Runnable softwareReset) {
        this.irq = irq;
        this.out = out;
        this.softwareReset = softwareReset;
        reset();
    }

    public void reset() {
        java.util.Arrays.fill(regs, (byte) 0);
        put16(RTR, RTR_RESET);
        regs[RCR] = RCR_RESET;
        regs[PTIMER] = PTIMER_RESET;
        put16(PMRU, PMRU_RESET);
        regs[PHYCFGR] = (byte) (PHYCFGR_RESET & 0xF8);
    }

    public int read(int offset) {
        switch (offset) {
            case INTLEVEL: return irq.intlevel() >> 8;
            case INTLEVEL + 1: return irq.intlevel() & 0xFF;
            case IR: return irq.ir();
            case IMR: return irq.imr();
            case SIR: return irq.sir();
            case SIMR: return irq.simr();
            case PHYCFGR: return (regs[PHYCFGR] & 0xF8) | phyStatus();
            case VERSIONR: return VERSION;
            default:
                return offset < PHYCFGR ? regs[offset] & 0xFF : 0; // 0x2F..0x38, 0x3A..: reserved
        }
    }

    public void write(int offset, int v) {
        switch (offset) {
            case MR:
                if ((v & MR_RST) != 0) {
                    softwareReset.run();
                } else {
                    regs[MR] = (byte) (v & (MR_WOL | MR_PB | MR_PPPOE | MR_FARP));
                }
                return;
            case INTLEVEL: irq.setIntlevel((v << 8) | (irq.intlevel() & 0xFF)); return;
            case INTLEVEL + 1: irq.setIntlevel((irq.intlevel() & 0xFF00) | v); return;
            case IR: irq.clearIr(v); return;
            case IMR: irq.setImr(v); return;
            case SIMR: irq.setSimr(v); return;
            case PHYCFGR: regs[PHYCFGR] = (byte) (v & 0xF8); return;
            case SIR: case VERSIONR:
                readOnly(offset);
                return;
            default:
                if (offset >= UIPR && offset < UIPR + 6) {
                    readOnly(offset);
                } else if (offset < PHYCFGR) {
                    regs[offset] = (byte) v;
                } else {
                    out.diag(-1, String.format("write to reserved common offset 0x%04X ignored", offset));
                }
        }
    }

    private void readOnly(int offset) {
        out.diag(-1, "write to read-only " + commonName(offset) + " ignored");
    }

    /**
     * PHYCFGR[2:0] (DPX, SPD, LNK): the simulated cable is always plugged into a 100 Mbps
     * full-duplex partner, so the result is what the configured mode negotiates with it.
     * OPMD = 0 takes the mode from the PMODE pins, strapped "all capable" on WIZ850io.
     */
    private int phyStatus() {
        int cfg = regs[PHYCFGR] & 0xFF;
        if ((cfg & PHY_RST) == 0) {
            return 0; // PHY held in reset: no link until RST is written back to 1
        }
        int mode = (cfg & PHY_OPMD) != 0 ? (cfg >> 3) & 7 : 7;
        switch (mode) {
            case 0: return PHY_LNK;                      // 10BT half
            case 1: return PHY_DPX | PHY_LNK;            // 10BT full
            case 2: case 4: return PHY_SPD | PHY_LNK;    // 100BT half (4: with auto-negotiation)
            case 3: case 7: return PHY_SPD | PHY_DPX | PHY_LNK;
            default: return 0;                           // 5 not used, 6 power down
        }
    }

    public boolean linkUp() {
        return (phyStatus() & PHY_LNK) != 0;
    }

    /** An ICMP destination unreachable arrived: UIPR/UPORTR take the peer, IR UNREACH rises. */
    public void unreachable(byte[] ip, int port) {
        System.arraycopy(ip, 0, regs, UIPR, 4);
        put16(UPORTR, port);
        irq.raiseIr(IR_UNREACH);
    }

    public byte[] bytes(int offset, int len) {
        return java.util.Arrays.copyOfRange(regs, offset, offset + len);
    }

    public int u16(int offset) {
        return (regs[offset] & 0xFF) << 8 | regs[offset + 1] & 0xFF;
    }

    public int u8(int offset) {
        return regs[offset] & 0xFF;
    }

    private void put16(int offset, int v) {
        regs[offset] = (byte) (v >> 8);
        regs[offset + 1] = (byte) v;
    }
}
