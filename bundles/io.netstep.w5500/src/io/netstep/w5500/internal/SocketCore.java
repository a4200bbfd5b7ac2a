package io.netstep.w5500.internal;

import static io.netstep.w5500.Registers.*;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;

/** What a socket's commands and network events share: its registers, timer, state changes, helpers. */
abstract class SocketCore {

    final int sn;
    final SocketRegs r;
    final CommonBlock common;
    final Interrupts irq;
    final BufferMemory tx;
    final BufferMemory rx;
    final HostNetwork net;
    final Emitter out;

    long deadline = Long.MAX_VALUE;
    Runnable onDeadline;

    SocketCore(int sn, CommonBlock common, Interrupts irq, BufferMemory tx, BufferMemory rx,
            HostNetwork net, Emitter out) {
        this.sn = sn;
        this.common = common;
        this.irq = irq;
        this.tx = tx;
        this.rx = rx;
        this.net = net;
        this.out = out;
        this.r = new SocketRegs(sn, irq, tx, rx, out, this::command);
    }

    /** A value written to Sn_CR. */
    abstract void command(int cr);

    public SocketRegs regs() {
        return r;
    }

    public int state() {
        return r.sr;
    }

    // ------------------------------------------------------------------ time

    public void tick(long now) {
        if (onDeadline != null && now >= deadline) {
            Runnable action = onDeadline;
            cancelTimer();
            action.run();
        }
    }

    void startTimer(long afterNanos, Runnable action) {
        deadline = out.now() + afterNanos;
        onDeadline = action;
    }

    void cancelTimer() {
        deadline = Long.MAX_VALUE;
        onDeadline = null;
    }

    void timeout(String cause) {
        diag("timeout: " + cause);
        boolean open = r.sr != SOCK_CLOSED;
        setState(SOCK_CLOSED, "timeout");
        irq.raiseSnIr(sn, Sn_IR_TIMEOUT);
        if (open) {
            call(() -> net.close(sn), "close");
        }
    }

    // ------------------------------------------------------------------ helpers

    void setState(int to, String cause) {
        int from = r.sr;
        if (from != to) {
            r.sr = to;
            out.emit(new ChipEvent.StateChange(out.now(), sn, from, to, cause));
        }
    }

    void arpFailureNote(byte[] dst, byte[] hop) {
        if (hop == null) {
            diag(isZero(dst) ? "destination 0.0.0.0: ARP cannot resolve it, the chip will time out"
                    : "destination " + ip(dst) + " is outside SIPR/SUBR and GAR is 0.0.0.0: no gateway to ARP for");
        } else {
            diag("ARP for " + ip(hop) + " gets no answer on this network");
        }
    }

    byte[] arpTarget(byte[] dst) {
        return Addressing.arpTarget(common, dst);
    }

    boolean broadcast(byte[] dst) {
        return Addressing.broadcast(common, dst);
    }

    boolean arpAnswers(byte[] ip) {
        try {
            return net.arpAnswers(ip.clone());
        } catch (RuntimeException e) {
            diag("network failed in arpAnswers: " + e);
            return false;
        }
    }

    boolean macrawSupported() {
        try {
            return net.macrawSupported();
        } catch (RuntimeException e) {
            return false;
        }
    }

    void call(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            diag("network failed in " + what + ": " + e);
        }
    }

    void diag(String m) {
        out.diag(sn, "S" + sn + ": " + m);
    }

    static boolean isZero(byte[] a) {
        return Addressing.isZero(a);
    }

    static String ip(byte[] a) {
        return Addressing.ip(a);
    }
}
