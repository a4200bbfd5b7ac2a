package io.netstep.w5500.internal;

import static io.netstep.w5500.Registers.*;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;

/**
 * One socket's behaviour: Sn_CR commands, the Sn_SR state machine, the TX/RX rings seen from
 * the network side, and its retransmission timer (ARPTO / TCPTO from RTR and RCR).
 * A command the socket's state does not allow is ignored (Sn_CR still clears) and reported.
 */
public final class SocketMachine extends SocketCore {

    /** UDP payload per datagram when Sn_MSSR is 0 (datasheet default MTU, non-PPPoE). */
    static final int UDP_DEFAULT_MSS = 1472;

    /** A UDP SEND waits for its ARP answer. */
    private boolean udpSendPending;

    public SocketMachine(int sn, CommonBlock common, Interrupts irq, BufferMemory tx, BufferMemory rx,
            HostNetwork net, Emitter out) {
        super(sn, common, irq, tx, rx, net, out);
    }

    /** Registers back to reset values, timer off. The caller tells the network first. */
    public void reset() {
        cancelTimer();
        r.reset();
    }

    // ------------------------------------------------------------------ commands

    @Override
    void command(int cr) {
        int before = r.sr;
        out.emit(new ChipEvent.Command(out.now(), sn, cr, before));
        switch (cr) {
            case Sn_CR_OPEN: open(); break;
            case Sn_CR_LISTEN: listen(); break;
            case Sn_CR_CONNECT: connect(); break;
            case Sn_CR_DISCON: discon(); break;
            case Sn_CR_CLOSE: close("CLOSE command"); break;
            case Sn_CR_SEND: send(true); break;
            case Sn_CR_SEND_MAC: sendMac(); break;
            case Sn_CR_SEND_KEEP: sendKeep(); break;
            case Sn_CR_RECV: recv(); break;
            default:
                diag(String.format("Sn_CR = 0x%02X is not a W5500 command: ignored", cr));
        }
    }

    private void ignored(String command, String why) {
        diag(command + " in " + stateName(r.sr) + " ignored: " + why);
    }

    private void open() {
        if (r.sr != SOCK_CLOSED) {
            ignored("OPEN", "the chip opens only a closed socket (CLOSE it first)");
            return;
        }
        cancelTimer();
        udpSendPending = false;
        r.clearPointers();
        int p = r.protocol();
        switch (p) {
            case Sn_MR_TCP:
                warnPortZero();
                setState(SOCK_INIT, "OPEN in TCP mode");
                break;
            case Sn_MR_UDP:
                warnPortZero();
                setState(SOCK_UDP, "OPEN in UDP mode");
                if ((r.mode() & Sn_MR_MULTI) != 0) {
                    diag("UDP multicast (MULTI) opened: the model stores the group in Sn_DIPR/Sn_DPORT but joins nothing");
                }
                call(() -> net.udpOpen(sn, r.port()), "udpOpen");
                break;
            case Sn_MR_IPRAW:
                setState(SOCK_IPRAW, "OPEN in IPRAW mode");
                diag("IPRAW: the network behind this chip carries no raw IP; nothing will be sent or received");
                break;
            case Sn_MR_MACRAW:
                if (sn != 0) {
                    diag("OPEN in MACRAW mode on socket " + sn + ": MACRAW exists only on socket 0; the socket stays closed");
                    return;
                }
                setState(SOCK_MACRAW, "OPEN in MACRAW mode");
                if (!macrawSupported()) {
                    diag("MACRAW: this network carries no raw Ethernet frames; frames sent are dropped and none arrive");
                }
                break;
            default:
                diag(String.format("OPEN with Sn_MR protocol %d (P[3:0]=%s): no protocol selected, the socket stays closed",
                        p, Integer.toBinaryString(p | 16).substring(1)));
        }
    }

    private void warnPortZero() {
        if (r.port() == 0) {
            diag("Sn_PORT is 0 at OPEN: the socket uses source port 0");
        }
    }

    private void listen() {
        if (r.sr != SOCK_INIT) {
            ignored("LISTEN", "valid only in SOCK_INIT (TCP mode, opened)");
            return;
        }
        setState(SOCK_LISTEN, "LISTEN command");
        call(() -> net.tcpListen(sn, r.port()), "tcpListen");
    }

    private void connect() {
        if (r.sr != SOCK_INIT) {
            ignored("CONNECT", "valid only in SOCK_INIT (TCP mode, opened)");
            return;
        }
        byte[] dst = r.dipr();
        int dport = r.dport();
        setState(SOCK_SYNSENT, "CONNECT to " + ip(dst) + ":" + dport);
        byte[] hop = arpTarget(dst);
        if (hop == null || !arpAnswers(hop)) {
            long arpto = Timeouts.arpNanos(common.u16(RTR), common.u8(RCR));
            arpFailureNote(dst, hop);
            startTimer(arpto, () -> timeout("ARP for " + (hop == null ? ip(dst) : ip(hop))
                    + " unanswered after RTR × (RCR+1) (ARPTO)"));
            return;
        }
        byte[] sip = common.bytes(SIPR, 4);
        int sport = r.port();
        call(() -> net.tcpConnect(sn, sip, sport, dst, dport), "tcpConnect");
        long tcpto = Timeouts.tcpNanos(common.u16(RTR), common.u8(RCR));
        startTimer(tcpto, () -> timeout("SYN to " + ip(dst) + ":" + dport + " unanswered after "
                + (common.u8(RCR) + 1) + " transmissions (TCPTO " + tcpto / 1_000_000 + " ms)"));
    }

    private void discon() {
        switch (r.sr) {
            case SOCK_ESTABLISHED:
                setState(SOCK_FIN_WAIT, "DISCON: FIN sent");
                call(() -> net.tcpDisconnect(sn), "tcpDisconnect");
                long tcpto = Timeouts.tcpNanos(common.u16(RTR), common.u8(RCR));
                startTimer(tcpto, () -> timeout("peer did not finish the close within TCPTO"));
                break;
            case SOCK_CLOSE_WAIT:
                setState(SOCK_LAST_ACK, "DISCON: FIN sent after the peer's FIN");
                call(() -> net.tcpDisconnect(sn), "tcpDisconnect");
                // the host stack acknowledges at once: the FIN/ACK is taken at the next tick
                startTimer(0, () -> setState(SOCK_CLOSED, "FIN acknowledged"));
                break;
            case SOCK_INIT: case SOCK_LISTEN: case SOCK_SYNSENT:
                diag("DISCON in " + stateName(r.sr) + ": no connection to disconnect, the socket is closed");
                close("DISCON without a connection");
                break;
            case SOCK_UDP: case SOCK_IPRAW: case SOCK_MACRAW: case SOCK_CLOSED:
                ignored("DISCON", "valid only in TCP mode");
                break;
            default:
                ignored("DISCON", "the socket is already closing");
        }
    }

    private void close(String cause) {
        cancelTimer();
        udpSendPending = false;
        if (r.sr != SOCK_CLOSED) {
            setState(SOCK_CLOSED, cause);
            call(() -> net.close(sn), "close");
        }
    }

    private void send(boolean arp) {
        switch (r.sr) {
            case SOCK_ESTABLISHED: case SOCK_CLOSE_WAIT: sendTcp(); break;
            case SOCK_UDP: sendUdp(arp); break;
            case SOCK_MACRAW: sendMacraw(); break;
            case SOCK_IPRAW:
                byte[] d = takeTx();
                diag("IPRAW SEND of " + d.length + " byte(s): dropped, this network carries no raw IP");
                irq.raiseSnIr(sn, Sn_IR_SENDOK);
                break;
            default:
                ignored(arp ? "SEND" : "SEND_MAC", "no connection or datagram socket to send on");
        }
    }

    private void sendMac() {
        if (r.sr != SOCK_UDP) {
            ignored("SEND_MAC", "valid only in UDP mode");
            return;
        }
        send(false);
    }

    private void sendKeep() {
        if (r.sr != SOCK_ESTABLISHED) {
            ignored("SEND_KEEP", "valid only in SOCK_ESTABLISHED");
        }
        // the host connection answers keep-alives itself: nothing more to do
    }

    private void recv() {
        switch (r.sr) {
            case SOCK_ESTABLISHED: case SOCK_CLOSE_WAIT: case SOCK_FIN_WAIT:
            case SOCK_UDP: case SOCK_IPRAW: case SOCK_MACRAW:
                break;
            default:
                ignored("RECV", "no data can be held in this state");
                return;
        }
        int advance = (r.rxRd() - r.rxRdTaken) & 0xFFFF;
        int received = r.rxReceived();
        if (advance > received) {
            diag(String.format("RECV: Sn_RX_RD moved %d byte(s) but only %d were received: Sn_RX_RSR is now garbage",
                    advance, received));
        }
        r.rxRdTaken = r.rxRd();
        if (r.sr == SOCK_ESTABLISHED || r.sr == SOCK_FIN_WAIT) {
            call(() -> net.rxWindowOpened(sn), "rxWindowOpened");
        }
    }

    // ------------------------------------------------------------------ transmit paths

    /** The bytes between Sn_TX_RD and Sn_TX_WR; Sn_TX_RD advances to Sn_TX_WR. */
    private byte[] takeTx() {
        int len = r.txPending();
        int size = tx.size(sn);
        if (len > size) {
            diag(String.format("SEND: Sn_TX_WR is %d bytes ahead of Sn_TX_RD, more than the %d-byte TX buffer: "
                    + "only %d bytes are sent, the rest was overwritten", len, size, size));
            len = size;
        }
        byte[] data = tx.get(sn, r.txRd, len);
        r.txRd = (r.txRd + len) & 0xFFFF;
        return data;
    }

    private void sendTcp() {
        byte[] data = takeTx();
        if (data.length > 0) {
            out.emit(new ChipEvent.Data(out.now(), sn, true, data, r.dipr(), r.dport()));
            call(() -> net.tcpSend(sn, data), "tcpSend");
        }
        irq.raiseSnIr(sn, Sn_IR_SENDOK);
    }

    private void sendUdp(boolean arp) {
        if (udpSendPending) {
            ignored("SEND", "the previous SEND still waits for its ARP answer");
            return;
        }
        byte[] dst = r.dipr();
        byte[] hop = broadcast(dst) ? dst : arpTarget(dst);
        if (arp && !broadcast(dst) && (hop == null || !arpAnswers(hop))) {
            byte[] lost = takeTx();
            udpSendPending = true;
            arpFailureNote(dst, hop);
            startTimer(Timeouts.arpNanos(common.u16(RTR), common.u8(RCR)), () -> {
                udpSendPending = false;
                diag("UDP datagram of " + lost.length + " byte(s) to " + ip(dst) + " not sent: ARP unanswered (ARPTO)");
                irq.raiseSnIr(sn, Sn_IR_TIMEOUT);
            });
            return;
        }
        byte[] data = takeTx();
        int dport = r.dport();
        int mss = r.mssr() == 0 ? UDP_DEFAULT_MSS : Math.min(r.mssr(), UDP_DEFAULT_MSS);
        if (data.length > mss) {
            diag("UDP SEND of " + data.length + " bytes is split into datagrams of at most " + mss + " (Sn_MSSR)");
        }
        byte[] sip = common.bytes(SIPR, 4);
        int sport = r.port();
        for (int off = 0; off < data.length || off == 0; off += mss) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + mss));
            out.emit(new ChipEvent.Data(out.now(), sn, true, part, dst, dport));
            call(() -> net.udpSend(sn, sip, sport, dst, dport, part), "udpSend");
            if (data.length == 0) {
                break;
            }
        }
        irq.raiseSnIr(sn, Sn_IR_SENDOK);
    }

    private void sendMacraw() {
        byte[] frame = takeTx();
        out.emit(new ChipEvent.Data(out.now(), sn, true, frame, null, 0));
        if (macrawSupported()) {
            call(() -> net.macrawSend(frame), "macrawSend");
        } else {
            diag("MACRAW frame of " + frame.length + " byte(s) dropped: this network carries no raw Ethernet");
        }
        irq.raiseSnIr(sn, Sn_IR_SENDOK);
    }

    // ------------------------------------------------------------------ network events

    public void tcpConnected() {
        if (r.sr != SOCK_SYNSENT) {
            diag("network reported a SYN/ACK in " + stateName(r.sr) + ": ignored");
            return;
        }
        cancelTimer();
        setState(SOCK_ESTABLISHED, "SYN/ACK received");
        irq.raiseSnIr(sn, Sn_IR_CON);
    }

    public void tcpRefused() {
        if (r.sr != SOCK_SYNSENT) {
            diag("network reported a refused connect in " + stateName(r.sr) + ": ignored");
            return;
        }
        cancelTimer();
        diag("CONNECT to " + ip(r.dipr()) + ":" + r.dport()
                + " answered with RST (nothing listens there): Sn_SR → SOCK_CLOSED, no Sn_IR bit");
        setState(SOCK_CLOSED, "RST received in SOCK_SYNSENT");
    }

    public void tcpAccepted(byte[] peerIp, int peerPort) {
        if (r.sr != SOCK_LISTEN) {
            diag("network reported an incoming connection in " + stateName(r.sr) + ": ignored");
            return;
        }
        r.setPeer(peerIp, peerPort);
        setState(SOCK_SYNRECV, "SYN from " + ip(peerIp) + ":" + peerPort);
        setState(SOCK_ESTABLISHED, "ACK of SYN/ACK");
        irq.raiseSnIr(sn, Sn_IR_CON);
    }

    public int tcpData(byte[] data, int off, int len) {
        if (r.sr != SOCK_ESTABLISHED && r.sr != SOCK_FIN_WAIT) {
            diag(len + " byte(s) of TCP data arrived in " + stateName(r.sr) + ": not taken");
            return 0;
        }
        int n = Math.min(len, r.rxFree());
        if (n > 0) {
            rx.put(sn, r.rxWr, data, off, n);
            r.rxWr = (r.rxWr + n) & 0xFFFF;
            out.emit(new ChipEvent.Data(out.now(), sn, false, java.util.Arrays.copyOfRange(data, off, off + n),
                    r.dipr(), r.dport()));
            irq.raiseSnIr(sn, Sn_IR_RECV);
        }
        return n;
    }

    public void tcpPeerClosed() {
        switch (r.sr) {
            case SOCK_ESTABLISHED:
                setState(SOCK_CLOSE_WAIT, "FIN received");
                irq.raiseSnIr(sn, Sn_IR_DISCON);
                break;
            case SOCK_FIN_WAIT:
                cancelTimer();
                setState(SOCK_TIME_WAIT, "FIN received after ours");
                setState(SOCK_CLOSED, "close complete");
                irq.raiseSnIr(sn, Sn_IR_DISCON);
                break;
            default:
                diag("network reported a FIN in " + stateName(r.sr) + ": ignored");
        }
    }

    public void tcpReset() {
        switch (r.sr) {
            case SOCK_SYNSENT:
                tcpRefused();
                break;
            case SOCK_ESTABLISHED: case SOCK_CLOSE_WAIT: case SOCK_FIN_WAIT: case SOCK_LAST_ACK:
            case SOCK_SYNRECV: case SOCK_CLOSING: case SOCK_TIME_WAIT:
                cancelTimer();
                setState(SOCK_CLOSED, "RST received");
                irq.raiseSnIr(sn, Sn_IR_DISCON);
                break;
            default:
                diag("network reported a RST in " + stateName(r.sr) + ": ignored");
        }
    }

    public void udpData(byte[] srcIp, int srcPort, byte[] dstIp, byte[] data) {
        if (r.sr != SOCK_UDP) {
            diag("UDP datagram from " + ip(srcIp) + ":" + srcPort + " for a socket in " + stateName(r.sr) + ": dropped");
            return;
        }
        if (dstIp != null && broadcast(dstIp) && (r.mode() & Sn_MR_BCASTB) != 0) {
            diag("broadcast datagram from " + ip(srcIp) + " blocked by Sn_MR BCASTB");
            return;
        }
        int need = 8 + data.length;
        if (data.length > 0xFFFF - 8 || need > r.rxFree()) {
            diag("UDP datagram of " + data.length + " byte(s) from " + ip(srcIp) + ":" + srcPort
                    + " dropped: " + r.rxFree() + " byte(s) free in the RX buffer");
            return;
        }
        byte[] head = { srcIp[0], srcIp[1], srcIp[2], srcIp[3], (byte) (srcPort >> 8), (byte) srcPort,
            (byte) (data.length >> 8), (byte) data.length };
        rx.put(sn, r.rxWr, head, 0, 8);
        rx.put(sn, (r.rxWr + 8) & 0xFFFF, data, 0, data.length);
        r.rxWr = (r.rxWr + need) & 0xFFFF;
        out.emit(new ChipEvent.Data(out.now(), sn, false, data.clone(), srcIp.clone(), srcPort));
        irq.raiseSnIr(sn, Sn_IR_RECV);
    }

    public void macrawFrame(byte[] frame) {
        if (r.sr != SOCK_MACRAW) {
            return; // not in MACRAW: the frame is none of this socket's business
        }
        int need = 2 + frame.length;
        if (need > 0xFFFF || need > r.rxFree()) {
            diag("MACRAW frame of " + frame.length + " byte(s) dropped: RX buffer full");
            return;
        }
        byte[] head = { (byte) (need >> 8), (byte) need };
        rx.put(sn, r.rxWr, head, 0, 2);
        rx.put(sn, (r.rxWr + 2) & 0xFFFF, frame, 0, frame.length);
        r.rxWr = (r.rxWr + need) & 0xFFFF;
        out.emit(new ChipEvent.Data(out.now(), sn, false, frame.clone(), null, 0));
        irq.raiseSnIr(sn, Sn_IR_RECV);
    }

}
