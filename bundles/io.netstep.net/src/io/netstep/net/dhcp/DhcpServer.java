package io.netstep.net.dhcp;

import io.netstep.net.Ip4;
import io.netstep.net.VirtualLan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The virtual LAN's DHCP server (RFC 2131): DISCOVER → OFFER, REQUEST → ACK or NAK, RELEASE,
 * DECLINE, INFORM. Addresses 192.168.77.100–199, one per client hardware address, kept for the
 * life of the network. Not thread-safe: the network calls it on one thread.
 */
public final class DhcpServer {

    /** What happened to one packet: the reply to send (null = none) and a line for the event log. */
    public record Outcome(byte[] reply, String received, String replied, String mac, String address, String detail) { }

    private final int leaseSeconds;
    private final Map<String, Integer> leases = new HashMap<>(); // mac → host part (100..199)
    private final Set<Integer> declined = new HashSet<>();

    public DhcpServer(int leaseSeconds) {
        this.leaseSeconds = leaseSeconds;
    }

    /** Handles one packet from a client; throws IllegalArgumentException (with the reason) if it is malformed. */
    public Outcome handle(byte[] packet) {
        DhcpMessage m = DhcpMessage.parse(packet);
        if (m.op != DhcpMessage.BOOTREQUEST) return new Outcome(null, "BOOTREPLY", "none", m.mac(), null, "a reply sent by a client: ignored");
        if (m.htype != 1 || m.hlen != 6) return new Outcome(null, "htype " + m.htype, "none", m.mac(), null, "not Ethernet (htype 1, hlen 6): ignored");
        int type = m.messageType();
        String name = type < 0 ? "BOOTP" : DhcpMessage.typeName(type);
        String mac = m.mac();
        switch (type) {
            case DhcpMessage.DISCOVER: {
                Integer host = chooseFor(mac, m.option(DhcpMessage.OPT_REQUESTED_IP));
                if (host == null) return new Outcome(null, name, "none", mac, null, "address pool exhausted");
                leases.put(mac, host);
                return new Outcome(reply(m, DhcpMessage.OFFER, addr(host)).toBytes(), name, "OFFER", mac, Ip4.format(addr(host)), "");
            }
            case DhcpMessage.REQUEST:
                return request(m, mac);
            case DhcpMessage.RELEASE: {
                Integer host = leases.remove(mac);
                return new Outcome(null, name, "none", mac, host == null ? null : Ip4.format(addr(host)), "lease released");
            }
            case DhcpMessage.DECLINE: {
                Integer host = leases.remove(mac);
                if (host != null) declined.add(host);
                return new Outcome(null, name, "none", mac, host == null ? null : Ip4.format(addr(host)),
                        "client says the address is in use; it will not be handed out again");
            }
            case DhcpMessage.INFORM: {
                DhcpMessage r = reply(m, DhcpMessage.ACK, new byte[4]);
                r.options.remove(DhcpMessage.OPT_LEASE_TIME);
                r.options.remove(DhcpMessage.OPT_RENEWAL_T1);
                r.options.remove(DhcpMessage.OPT_REBINDING_T2);
                r.ciaddr = m.ciaddr.clone();
                return new Outcome(r.toBytes(), name, "ACK", mac, Ip4.format(m.ciaddr), "configuration only");
            }
            default:
                return new Outcome(null, name, "none", mac, null, "not a client message: ignored");
        }
    }

    private Outcome request(DhcpMessage m, String mac) {
        byte[] serverId = m.option(DhcpMessage.OPT_SERVER_ID);
        byte[] requested = m.option(DhcpMessage.OPT_REQUESTED_IP);
        boolean ciaddrSet = Ip4.toInt(m.ciaddr) != 0;
        if (serverId != null && !Arrays.equals(serverId, VirtualLan.GATEWAY))
            return new Outcome(null, "REQUEST", "none", mac, null, "client chose server " + fmt(serverId) + ": ignored");
        byte[] wanted = requested != null && requested.length == 4 ? requested : ciaddrSet ? m.ciaddr : null;
        if (wanted == null) return nak(m, mac, null, "REQUEST names no address (no option 50, ciaddr 0.0.0.0)");
        if (!VirtualLan.onLan(wanted)) return nak(m, mac, wanted, "address is not on 192.168.77.0/24");
        int host = Ip4.toInt(wanted) & 0xFF;
        Integer lease = leases.get(mac);
        if (lease == null) {
            // INIT-REBOOT or a REQUEST without DISCOVER: grant a free pool address
            if (host < VirtualLan.POOL_FIRST || host > VirtualLan.POOL_LAST || leases.containsValue(host) || declined.contains(host))
                return nak(m, mac, wanted, "address not available");
            leases.put(mac, host);
        } else if (lease != host) {
            return nak(m, mac, wanted, "this client's lease is " + Ip4.format(addr(lease)));
        }
        DhcpMessage r = reply(m, DhcpMessage.ACK, addr(host));
        if (ciaddrSet) r.ciaddr = m.ciaddr.clone();
        return new Outcome(r.toBytes(), "REQUEST", "ACK", mac, Ip4.format(addr(host)), "lease " + leaseSeconds + " s");
    }

    private Outcome nak(DhcpMessage m, String mac, byte[] wanted, String why) {
        DhcpMessage r = new DhcpMessage();
        r.op = DhcpMessage.BOOTREPLY;
        r.xid = m.xid;
        r.flags = m.flags;
        r.giaddr = m.giaddr.clone();
        r.chaddr = m.chaddr.clone();
        r.option(DhcpMessage.OPT_MESSAGE_TYPE, (byte) DhcpMessage.NAK);
        r.option(DhcpMessage.OPT_SERVER_ID, VirtualLan.GATEWAY);
        return new Outcome(r.toBytes(), "REQUEST", "NAK", mac, wanted == null ? null : Ip4.format(wanted), why);
    }

    private DhcpMessage reply(DhcpMessage m, int type, byte[] yiaddr) {
        DhcpMessage r = new DhcpMessage();
        r.op = DhcpMessage.BOOTREPLY;
        r.xid = m.xid;
        r.flags = m.flags;
        r.yiaddr = yiaddr.clone();
        r.giaddr = m.giaddr.clone();
        r.chaddr = m.chaddr.clone();
        r.option(DhcpMessage.OPT_MESSAGE_TYPE, (byte) type);
        r.option(DhcpMessage.OPT_SERVER_ID, VirtualLan.GATEWAY);
        r.option(DhcpMessage.OPT_LEASE_TIME, DhcpMessage.be32(leaseSeconds));
        r.option(DhcpMessage.OPT_RENEWAL_T1, DhcpMessage.be32(leaseSeconds / 2));
        r.option(DhcpMessage.OPT_REBINDING_T2, DhcpMessage.be32(leaseSeconds / 8 * 7));
        r.option(DhcpMessage.OPT_SUBNET_MASK, VirtualLan.NETMASK);
        r.option(DhcpMessage.OPT_ROUTER, VirtualLan.GATEWAY);
        r.option(DhcpMessage.OPT_DNS, VirtualLan.GATEWAY);
        return r;
    }

    private Integer chooseFor(String mac, byte[] requested) {
        Integer existing = leases.get(mac);
        if (existing != null) return existing;
        if (requested != null && requested.length == 4 && VirtualLan.onLan(requested)) {
            int h = Ip4.toInt(requested) & 0xFF;
            if (h >= VirtualLan.POOL_FIRST && h <= VirtualLan.POOL_LAST && !leases.containsValue(h) && !declined.contains(h)) return h;
        }
        for (int h = VirtualLan.POOL_FIRST; h <= VirtualLan.POOL_LAST; h++)
            if (!leases.containsValue(h) && !declined.contains(h)) return h;
        return null;
    }

    private static byte[] addr(int host) {
        byte[] a = VirtualLan.SUBNET.clone();
        a[3] = (byte) host;
        return a;
    }

    private static String fmt(byte[] a) {
        return a.length == 4 ? Ip4.format(a) : Arrays.toString(a);
    }
}
