package io.netstep.net;

import io.netstep.net.dns.DnsServer;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Names and destinations: which address the LAN's DNS gives a name (a 198.18.x.y address per
 * mapped name, kept for the network's life), and where a destination the chip connects to goes
 * on the host. Chip thread only.
 */
final class Routing {

    /** Where a chip destination goes: {@code host} null when it goes nowhere ({@code why}). */
    record Route(HostPort host, String name, String why) { }

    private final NetworkOptions options;
    private final Map<String, Integer> nameToAddr = new HashMap<>();
    private final Map<Integer, String> addrToName = new HashMap<>();

    Routing(NetworkOptions options) {
        this.options = options;
    }

    /** The DNS server's view of a name (chip thread). */
    DnsServer.Answer resolve(String name) {
        if (options.nameMap().knowsName(name)) {
            Integer a = nameToAddr.get(name);
            if (a == null) {
                a = VirtualLan.NAME_BASE + nameToAddr.size();
                nameToAddr.put(name, a);
                addrToName.put(a, name);
            }
            return new DnsServer.Answer(Ip4.toBytes(a), "map");
        }
        if (name.equals("localhost")) return new DnsServer.Answer(new byte[] { 127, 0, 0, 1 }, "localhost");
        if (!options.allowExternal()) return new DnsServer.Answer(null, "not in the map (other names need --allow-external)");
        try {
            for (InetAddress ia : InetAddress.getAllByName(name))
                if (ia instanceof Inet4Address) return new DnsServer.Answer(ia.getAddress(), "host resolver");
            return new DnsServer.Answer(null, "host resolver: no IPv4 address");
        } catch (UnknownHostException e) {
            return new DnsServer.Answer(null, "host resolver: unknown name");
        }
    }

    Route route(byte[] dst, int port) {
        String ip = Ip4.format(dst);
        if (VirtualLan.isNameAddress(dst)) {
            String name = addrToName.get(Ip4.toInt(dst));
            if (name == null) return new Route(null, null, ip + " was never handed out by the virtual LAN's DNS");
            HostPort hp = options.nameMap().lookup(name, port);
            if (hp != null) return new Route(hp, name, null);
            return new Route(null, name, name + ":" + port + " has no mapping for this port");
        }
        HostPort hp = options.nameMap().lookup(ip, port);
        if (hp != null) return new Route(hp, null, null);
        if (Ip4.isLoopback(dst)) return new Route(new HostPort(ip, port), null, null);
        if (Arrays.equals(dst, VirtualLan.GATEWAY)) return new Route(new HostPort("127.0.0.1", port), null, null);
        if (VirtualLan.onLan(dst)) return new Route(null, null, "no host at " + ip + " on the virtual LAN");
        if (Ip4.toInt(dst) == 0) return new Route(null, null, "destination 0.0.0.0 (was the name ever resolved?)");
        if (options.allowExternal()) return new Route(new HostPort(ip, port), null, null);
        return new Route(null, null, ip + ":" + port + " is not mapped (use --map, or --allow-external to reach it)");
    }
}
