package io.netstep.net;

import io.netstep.net.dhcp.DhcpServer;
import io.netstep.net.dns.DnsServer;

import java.util.Arrays;

/**
 * The servers on the virtual LAN: a datagram to port 67 (broadcast or the gateway) goes to the
 * DHCP server, one to port 53 to the DNS server; everything else leaves the LAN through the
 * host. Replies reach the chip socket that sent the query. Malformed packets are reported and
 * ignored.
 */
final class LanServices {
    private LanServices() { }

    static final int DHCP_SERVER_PORT = 67, DNS_PORT = 53;

    static void handle(VirtualNetwork net, int sn, byte[] srcIp, byte[] dstIp, int dstPort, byte[] data) {
        boolean broadcast = Ip4.isBroadcast(dstIp) || (VirtualLan.onLan(dstIp) && (dstIp[3] & 0xFF) == 255);
        if (dstPort == DHCP_SERVER_PORT && (broadcast || Arrays.equals(dstIp, VirtualLan.GATEWAY))) {
            dhcp(net, sn, data);
            return;
        }
        if (dstPort == DNS_PORT && !broadcast && (VirtualLan.onLan(dstIp) || net.options().answerAnyDnsServer())) {
            dns(net, sn, srcIp, dstIp, data);
            return;
        }
        if (broadcast) {
            net.emit(new NetworkEvent.Dropped(net.now(), sn, "broadcast to port " + dstPort + ": nobody on the virtual LAN answers it"));
            return;
        }
        net.udpToHost(sn, srcIp, dstIp, dstPort, data);
    }

    private static void dhcp(VirtualNetwork net, int sn, byte[] data) {
        DhcpServer.Outcome o;
        try {
            o = net.dhcp().handle(data);
        } catch (IllegalArgumentException e) {
            net.emit(new NetworkEvent.Malformed(net.now(), sn, "DHCP", e.getMessage(), data));
            return;
        }
        net.emit(new NetworkEvent.Dhcp(net.now(), sn, o.received(), o.replied(), o.mac(), o.address(), o.detail()));
        if (o.reply() != null) {
            byte[] reply = o.reply();
            byte[] to = replyAddress(reply);
            net.post(() -> net.chip().udpData(sn, VirtualLan.GATEWAY.clone(), DHCP_SERVER_PORT, to, reply));
        }
    }

    /**
     * RFC 2131 §4.1: a client without an address (ciaddr 0) gets the reply as a broadcast
     * (it cannot receive unicast yet); a client that has one gets it unicast.
     */
    private static byte[] replyAddress(byte[] reply) {
        byte[] ciaddr = Arrays.copyOfRange(reply, 12, 16);
        return Ip4.toInt(ciaddr) == 0 ? new byte[] { -1, -1, -1, -1 } : ciaddr;
    }

    private static void dns(VirtualNetwork net, int sn, byte[] client, byte[] server, byte[] data) {
        DnsServer.Outcome o;
        try {
            o = net.dns().handle(data);
        } catch (IllegalArgumentException e) {
            net.emit(new NetworkEvent.Malformed(net.now(), sn, "DNS", e.getMessage(), data));
            return;
        }
        net.emit(new NetworkEvent.Dns(net.now(), sn, Ip4.format(server), o.name(), o.qtype(),
                o.address() == null ? null : Ip4.format(o.address()), o.source()));
        if (o.reply() != null) {
            byte[] reply = o.reply();
            byte[] from = server.clone();
            net.post(() -> net.chip().udpData(sn, from, DNS_PORT, client, reply));
        }
    }
}
