package io.netstep.session.diagnosis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;

import java.util.ArrayList;
import java.util.List;

/** F15 connect-timeout: the chip's SYN was refused, unanswered or had nowhere to go. */
final class ConnectTimeoutRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (k.established != null || k.connect == null) {
                continue;
            }
            NetworkEvent.Connect c = k.connectEvent();
            if (c != null && "0.0.0.0".equals(c.dstIp())) {
                continue; // F5
            }
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(k.connect.seq(), k.connect.virtualNanos(), "socket " + k.socket
                    + ": Sn_CR = CONNECT to " + k.destination()));
            String what;
            Confidence conf = Confidence.CERTAIN;
            String why;
            if (c != null) {
                ev.add(new Evidence(k.connectResult.seq(), k.connectResult.virtualNanos(), "the network: "
                        + c.result() + (c.host() != null ? " (host endpoint " + c.host() + ")" : "")
                        + (c.error() != null ? ": " + c.error() : "")));
            }
            if (k.timeoutInterrupt != null) {
                ev.add(new Evidence(k.timeoutInterrupt.seq(), k.timeoutInterrupt.virtualNanos(),
                        "Sn_IR TIMEOUT raised " + SessionTrace.seconds(k.timeoutInterrupt.virtualNanos()
                                - k.connect.virtualNanos()) + " after CONNECT"));
            }
            if (k.closed != null) {
                ev.add(new Evidence(k.closed.seq(), k.closed.virtualNanos(), "Sn_SR → SOCK_CLOSED"
                        + (k.timeoutInterrupt == null ? " with no Sn_IR TIMEOUT bit" : "")));
            }
            if (c != null && c.result() == NetworkEvent.ConnectResult.REFUSED) {
                what = "the connection to " + k.destination() + " was refused (the SYN was answered with RST)";
                why = "the network event records the refusal";
            } else if (c != null && c.result() == NetworkEvent.ConnectResult.UNMAPPED) {
                what = k.destination() + " leads nowhere in this session (no --map/--broker for it)";
                why = "the network event records that the address is not mapped";
            } else if (k.timeoutInterrupt != null || (c != null && c.result() == NetworkEvent.ConnectResult.NO_ANSWER)) {
                what = "nothing answered the SYN to " + k.destination() + "; the chip gives up after its TCP "
                        + "retransmissions: with RTR = " + t.rtr() + " (" + t.rtr() / 10.0 + " ms) and RCR = " + t.rcr()
                        + " that is " + SessionTrace.seconds(t.tcpTimeoutNanos()) + " (the wait doubles per retry; "
                        + "31.8 s at the reset values RTR = 2000, RCR = 8)";
                why = k.timeoutInterrupt != null ? "Sn_IR TIMEOUT was raised while connecting"
                        : "the network recorded no answer; the log ends before the chip's timeout";
                if (k.timeoutInterrupt == null) {
                    conf = Confidence.LIKELY;
                }
            } else if (k.closed == null) {
                continue; // still connecting when the log ended
            } else {
                what = "the socket closed while connecting to " + k.destination();
                why = "the socket closed before ESTABLISHED; the network did not say why";
                conf = Confidence.POSSIBLE;
            }
            out.add(new Diagnosis("F15", "connect-timeout", "TCP connect to " + k.destination() + " failed",
                    conf, why,
                    what + ". ioLibrary's connect() returns SOCKERR_TIMEOUT (-13) on Sn_IR TIMEOUT and "
                            + "SOCKERR_SOCKCLOSED (-4) when the socket closes on a RST.",
                    ev,
                    "Check the broker address and port the firmware uses (Sn_DIPR/Sn_DPORT = " + k.destination()
                            + "): the broker must listen there (8883 for MQTT over TLS, 1883 plain). "
                            + "For a faster failure set the retry time/count with setRTR()/setRCR() "
                            + "(ctlnetwork(CN_SET_TIMEOUT, &(wiz_NetTimeout){retry_cnt, time_100us})).",
                    t.dns.isEmpty() && c != null && c.name() == null
                            ? List.of("F5 no-dns: there was no DNS query before this CONNECT; if " + c.dstIp()
                            + " stands for the broker's name, it was hard-coded or never resolved")
                            : List.of()));
        }
        return out;
    }

    static LogEntry first(LogEntry a, LogEntry b) {
        return a == null ? b : b == null ? a : a.seq() <= b.seq() ? a : b;
    }
}
