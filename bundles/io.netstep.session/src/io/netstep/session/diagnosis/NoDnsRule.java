package io.netstep.session.diagnosis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * F5 no-dns: the firmware never resolved the broker's name: a CONNECT to 0.0.0.0, or a TCP
 * socket opened and abandoned without CONNECT (ioLibrary's connect() refuses 0.0.0.0 with
 * SOCKERR_IPINVALID before it touches the chip) with no DNS query in the whole session.
 */
final class NoDnsRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            NetworkEvent.Connect c = k.connectEvent();
            if (c != null && "0.0.0.0".equals(c.dstIp())) {
                out.add(diagnosis(t, k.connect, Confidence.CERTAIN, "the chip was told to connect to 0.0.0.0",
                        List.of(new Evidence(k.connect.seq(), k.connect.virtualNanos(), "Sn_CR CONNECT with Sn_DIPR = 0.0.0.0"))));
            }
        }
        if (!t.dns.isEmpty() || t.exitStatus() == null || t.exitStatus() == 0 || !t.connections.isEmpty()) {
            return out;
        }
        for (LogEntry open : t.tcpOpensWithoutConnect) {
            int sn = ((ChipEvent.Command) open.event()).socket();
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(open.seq(), open.virtualNanos(), "socket " + sn + " opened for TCP (Sn_MR = TCP, Sn_CR OPEN)"));
            ev.add(new Evidence(0, open.virtualNanos(), "no DNS query (UDP port 53) anywhere in the session"));
            ev.add(new Evidence(0, open.virtualNanos(), "no Sn_CR CONNECT followed on socket " + sn));
            ev.add(new Evidence(t.firmwareExit.seq(), t.firmwareExit.virtualNanos(), "the firmware exited with status "
                    + t.exitStatus()));
            out.add(diagnosis(t, open, Confidence.LIKELY, "a TCP socket was opened and given up without CONNECT, and "
                    + "no name was ever resolved: what ioLibrary's connect() does with 0.0.0.0 (SOCKERR_IPINVALID, -12, "
                    + "without touching the chip); the firmware's own message names the code", ev));
        }
        return out;
    }

    private static Diagnosis diagnosis(SessionTrace t, LogEntry at, Confidence c, String why, List<Evidence> ev) {
        return new Diagnosis("F5", "no-dns", "the broker's name was never resolved", c, why,
                "The firmware connects before (or instead of) asking DNS for the broker's address, so the address "
                        + "is still 0.0.0.0 (or a stale hard-coded one). Over a W5500 nothing resolves names unless the "
                        + "firmware runs a DNS client.",
                ev,
                "Resolve the name first with ioLibrary's DNS client: DNS_init(sn, buf) then DNS_run(dns_server_ip, "
                        + "(uint8_t *)\"<broker name>\", broker_ip) (returns 1 on success), with the DNS server from DHCP "
                        + "(getDNSfromDHCP()) or a configured one (e.g. 8.8.8.8), and pass broker_ip to connect().",
                List.of());
    }
}
