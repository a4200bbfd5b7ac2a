package io.netstep.session.diagnosis;

import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;

/** F16 sockets-exhausted: all 8 sockets in use at once, the firmware's connections never closed. */
final class SocketsExhaustedRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        int[] state = new int[8];
        LogEntry[] opened = new LogEntry[8];
        int[] opens = new int[8];
        LogEntry full = null;
        for (LogEntry e : t.log) {
            if (e.event() instanceof ChipEvent.Command c && c.socket() >= 0 && c.socket() < 8
                    && c.command() == Registers.Sn_CR_OPEN) {
                opened[c.socket()] = e;
                opens[c.socket()]++;
            } else if (e.event() instanceof ChipEvent.StateChange s && s.socket() >= 0 && s.socket() < 8) {
                state[s.socket()] = s.to();
                boolean allBusy = true;
                for (int v : state) {
                    allBusy &= v != Registers.SOCK_CLOSED;
                }
                if (allBusy && full == null) {
                    full = e;
                    break;
                }
            }
        }
        if (full == null) {
            return List.of();
        }
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(full.seq(), full.virtualNanos(), "from here all 8 sockets are open"));
        int tcpConnections = 0;
        for (int sn = 0; sn < 8; sn++) {
            boolean tcp = state[sn] == Registers.SOCK_ESTABLISHED || state[sn] == Registers.SOCK_SYNSENT
                    || state[sn] == Registers.SOCK_CLOSE_WAIT || state[sn] == Registers.SOCK_INIT;
            if (tcp) {
                tcpConnections++;
            }
            LogEntry o = opened[sn];
            ev.add(new Evidence(o == null ? 0 : o.seq(), o == null ? 0 : o.virtualNanos(), "socket " + sn + ": "
                    + Registers.stateName(state[sn]) + ", opened here (Sn_CR OPEN), not closed since"));
        }
        LogEntry last = null;
        for (Connection k : t.connections) {
            last = k.connect;
        }
        boolean failedAfter = t.exitStatus() != null && t.exitStatus() != 0;
        if (t.firmwareExit != null) {
            ev.add(new Evidence(t.firmwareExit.seq(), t.firmwareExit.virtualNanos(), "the firmware exited with status "
                    + t.exitStatus()));
        }
        return List.of(new Diagnosis("F16", "sockets-exhausted", "all 8 W5500 sockets are in use; socket() has none left",
                failedAfter ? Confidence.LIKELY : Confidence.POSSIBLE,
                failedAfter ? "every socket was open at once and the firmware then failed; its own message says "
                        + "whether socket() was the call that failed"
                        : "every socket was open at once, but the firmware did not fail within the log",
                tcpConnections + " TCP connection(s) of the firmware stayed open while it opened new ones: each "
                        + "reconnect took a new socket number without closing the old one, until the W5500's 8 "
                        + "sockets were used up" + (last != null ? " (the last CONNECT at " + new Evidence(0,
                        last.virtualNanos(), "").time() + ")" : "") + ".",
                ev,
                "Close before reopening: on a failed or dropped connection call disconnect(sn) and close(sn) "
                        + "(ioLibrary; check getSn_SR(sn) == SOCK_CLOSED), then reuse the same socket number for "
                        + "socket(sn, Sn_MR_TCP, port, flag). With TLS also mbedtls_ssl_free()/mbedtls_ssl_session_reset() "
                        + "(wolfSSL_free()) for the old session.",
                List.of()));
    }
}
