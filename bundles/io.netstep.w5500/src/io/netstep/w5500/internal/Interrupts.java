package io.netstep.w5500.internal;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

/**
 * IR, IMR, SIR, SIMR, INTLEVEL, every Sn_IR / Sn_IMR, and the INTn pin.
 * SIR bit n = (Sn_IR & Sn_IMR) != 0. INTn is asserted (low) while (IR & IMR) or (SIR & SIMR)
 * is non-zero; after it was deasserted, a new assertion waits the Interrupt Assert Wait
 * Time IAWT = (INTLEVEL + 1) × 4 PLL clocks (150 MHz) when INTLEVEL > 0.
 */
public final class Interrupts {

    private final Emitter out;
    private int ir;
    private int imr;
    private int simr;
    private int intlevel;
    private final int[] snIr = new int[8];
    private final int[] snImr = new int[8];
    private boolean pending;
    private long deassertedAt = Long.MIN_VALUE;

    public Interrupts(Emitter out) {
        this.out = out;
        reset();
    }

    public void reset() {
        ir = 0;
        imr = 0;
        simr = 0;
        intlevel = 0;
        java.util.Arrays.fill(snIr, 0);
        java.util.Arrays.fill(snImr, Registers.Sn_IMR_RESET);
        pending = false;
        deassertedAt = Long.MIN_VALUE;
    }

    public int ir() { return ir; }
    public int imr() { return imr; }
    public int simr() { return simr; }
    public int intlevel() { return intlevel; }
    public int snIr(int sn) { return snIr[sn]; }
    public int snImr(int sn) { return snImr[sn]; }

    public int sir() {
        int sir = 0;
        for (int sn = 0; sn < 8; sn++) {
            if ((snIr[sn] & snImr[sn]) != 0) {
                sir |= 1 << sn;
            }
        }
        return sir;
    }

    public void setImr(int v) { imr = v & 0xF0; update(); }
    public void setSimr(int v) { simr = v & 0xFF; update(); }
    public void setSnImr(int sn, int v) { snImr[sn] = v & 0xFF; update(); }
    public void setIntlevel(int v) { intlevel = v & 0xFFFF; }

    /** Host wrote IR: a 1 clears that bit. */
    public void clearIr(int bits) { ir &= ~bits; update(); }

    /** Host wrote Sn_IR: a 1 clears that bit. */
    public void clearSnIr(int sn, int bits) { snIr[sn] &= ~bits; update(); }

    public void raiseIr(int bits) {
        ir |= bits & 0xF0;
        update();
        out.emit(new ChipEvent.Interrupt(out.now(), -1, bits, line()));
    }

    public void raiseSnIr(int sn, int bits) {
        snIr[sn] |= bits & 0x1F;
        update();
        out.emit(new ChipEvent.Interrupt(out.now(), sn, bits, line()));
    }

    private boolean condition() {
        return (ir & imr) != 0 || (sir() & simr) != 0;
    }

    private void update() {
        boolean now = condition();
        if (pending && !now) {
            deassertedAt = out.now();
        }
        pending = now;
    }

    /** INTn level: true = asserted (low). */
    public boolean line() {
        if (!pending) {
            return false;
        }
        if (intlevel == 0 || deassertedAt == Long.MIN_VALUE) {
            return true;
        }
        long iawtNanos = (intlevel + 1L) * 4L * 1000L / 150L; // 4 PLL clocks of 6.67 ns each
        return out.now() - deassertedAt >= iawtNanos;
    }
}
