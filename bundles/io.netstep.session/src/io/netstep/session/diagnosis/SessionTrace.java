package io.netstep.session.diagnosis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Analysis;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;

/** The session's event log regrouped for the rules: TCP connections per socket, DNS, exit. */
final class SessionTrace {

    final List<LogEntry> log;
    final List<Connection> connections = new ArrayList<>();
    final List<LogEntry> dns = new ArrayList<>();
    final List<LogEntry> opens = new ArrayList<>();
    /** Sn_CR OPEN in TCP mode (Sn_MR P = 1) never followed by CONNECT or LISTEN on that socket. */
    final List<LogEntry> tcpOpensWithoutConnect = new ArrayList<>();
    private final int[] mode = new int[8];
    private final LogEntry[] pendingTcpOpen = new LogEntry[8];
    LogEntry firmwareExit;
    LogEntry lastEntry;
    private final Connection[] current = new Connection[8];
    /** The common registers as the firmware wrote them (reset values where it did not). */
    private final int[] common = new int[Registers.COMMON_END];

    {
        common[Registers.RTR] = Registers.RTR_RESET >> 8;
        common[Registers.RTR + 1] = Registers.RTR_RESET & 0xFF;
        common[Registers.RCR] = Registers.RCR_RESET;
    }

    /** RTR (100 µs units) and RCR as written last. */
    int rtr() {
        return (common[Registers.RTR] << 8) | common[Registers.RTR + 1];
    }

    int rcr() {
        return common[Registers.RCR];
    }

    /** The chip's TCP give-up time: RTR doubling per retransmission (at most 32 × RTR), RCR + 1 waits in all. */
    long tcpTimeoutNanos() {
        long sum = 0;
        for (int i = 0; i <= rcr(); i++) {
            sum += (long) rtr() * (1L << Math.min(i, 5));
        }
        return sum * 100_000L;
    }

    /** The decoded layers (decrypted MQTT where keys were given), or null when not available. */
    final Analysis analysis;
    /** The firmware's source folder and output, when the run knows them. */
    FirmwareSide firmware = FirmwareSide.NONE;

    SessionTrace(List<LogEntry> log, Analysis analysis) {
        this.analysis = analysis;
        this.log = List.copyOf(log);
        for (LogEntry e : this.log) {
            lastEntry = e;
            take(e);
        }
        for (LogEntry e : pendingTcpOpen) {
            if (e != null) {
                tcpOpensWithoutConnect.add(e);
            }
        }
    }

    private void take(LogEntry e) {
        Object ev = e.event();
        if (ev instanceof ChipEvent.Command c && c.socket() >= 0 && c.socket() < 8) {
            if (c.command() == Registers.Sn_CR_OPEN || c.command() == Registers.Sn_CR_CONNECT
                    || c.command() == Registers.Sn_CR_LISTEN) {
                if (pendingTcpOpen[c.socket()] != null && c.command() == Registers.Sn_CR_OPEN) {
                    tcpOpensWithoutConnect.add(pendingTcpOpen[c.socket()]);
                }
                pendingTcpOpen[c.socket()] = c.command() == Registers.Sn_CR_OPEN
                        && (mode[c.socket()] & Registers.Sn_MR_P) == Registers.Sn_MR_TCP ? e : null;
            }
            if (c.command() == Registers.Sn_CR_OPEN) {
                opens.add(e);
                current[c.socket()] = new Connection(c.socket(), e);
            }
            Connection k = current[c.socket()];
            if (k == null) {
                return;
            }
            k.commands.add(e);
            if (c.command() == Registers.Sn_CR_CONNECT && k.connect == null) {
                k.connect = e;
                connections.add(k);
            } else if ((c.command() == Registers.Sn_CR_DISCON || c.command() == Registers.Sn_CR_CLOSE)
                    && k.connect != null && k.firmwareClose == null) {
                k.firmwareClose = e;
            }
        } else if (ev instanceof ChipEvent.StateChange s && tcp(s.socket())) {
            Connection k = current[s.socket()];
            if (s.to() == Registers.SOCK_ESTABLISHED && k.established == null) {
                k.established = e;
            } else if (s.to() == Registers.SOCK_CLOSED && k.closed == null) {
                k.closed = e;
            }
        } else if (ev instanceof ChipEvent.Interrupt i && tcp(i.socket())
                && (i.raised() & Registers.Sn_IR_TIMEOUT) != 0 && current[i.socket()].timeoutInterrupt == null) {
            current[i.socket()].timeoutInterrupt = e;
        } else if (ev instanceof ChipEvent.Data d && tcp(d.socket())) {
            (d.tx() ? current[d.socket()].sent : current[d.socket()].arrived).add(e.seq(), e.virtualNanos(), d.bytes());
        } else if (ev instanceof ChipEvent.SpiFrame f && !f.write() && f.problem() == null) {
            spiRead(e, f);
        } else if (ev instanceof ChipEvent.SpiFrame f && f.write() && f.problem() == null && f.block() > 0
                && (f.block() - 1) % 4 == 0 && f.offset() == Registers.Sn_MR && f.data().length > 0) {
            mode[(f.block() - 1) / 4] = f.data()[0] & 0xFF;
        } else if (ev instanceof ChipEvent.SpiFrame f && f.write() && f.problem() == null && f.block() == 0) {
            for (int i = 0; i < f.data().length && f.offset() + i < common.length; i++) {
                common[f.offset() + i] = f.data()[i] & 0xFF;
            }
        } else if (ev instanceof NetworkEvent.Connect c && tcp(c.socket())) {
            current[c.socket()].connectResult = e;
        } else if (ev instanceof NetworkEvent.Closed c && tcp(c.socket()) && current[c.socket()].hostClosed == null) {
            current[c.socket()].hostClosed = e;
        } else if (ev instanceof NetworkEvent.Dns) {
            dns.add(e);
        } else if (ev instanceof SessionEvent.FirmwareExited) {
            firmwareExit = e;
        }
    }

    private void spiRead(LogEntry e, ChipEvent.SpiFrame f) {
        if (f.block() == 0 || f.block() > 31) {
            return;
        }
        int sn = (f.block() - 1) / 4;
        int kind = (f.block() - 1) % 4;
        if (!tcp(sn)) {
            return;
        }
        if (kind == 2) {
            current[sn].consumed.add(e.seq(), e.virtualNanos(), f.data());
        } else if (kind == 0) {
            current[sn].rsrRead(e, f.offset(), f.data());
        }
    }

    private boolean tcp(int sn) {
        return sn >= 0 && sn < 8 && current[sn] != null && current[sn].connect != null;
    }

    /** The firmware's exit status, or null when it did not exit within the log. */
    Integer exitStatus() {
        return firmwareExit == null ? null : ((SessionEvent.FirmwareExited) firmwareExit.event()).status();
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
