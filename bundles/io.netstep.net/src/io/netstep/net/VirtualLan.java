package io.netstep.net;

/**
 * The LAN the virtual chip sits on: 192.168.77.0/24, with the PC as gateway, DHCP and DNS
 * server at 192.168.77.1. DHCP hands out 192.168.77.100–199. Names the DNS server resolves
 * get addresses from 198.18.0.0/15 (RFC 2544 benchmarking range: never a real host), which
 * the network maps back to the host endpoint of the name.
 */
public final class VirtualLan {
    private VirtualLan() { }

    public static final byte[] SUBNET = { (byte) 192, (byte) 168, 77, 0 };
    public static final byte[] NETMASK = { (byte) 255, (byte) 255, (byte) 255, 0 };
    public static final byte[] GATEWAY = { (byte) 192, (byte) 168, 77, 1 };
    public static final int POOL_FIRST = 100;
    public static final int POOL_LAST = 199;
    /** First address handed out for resolved names: 198.18.0.1. */
    public static final int NAME_BASE = 198 << 24 | 18 << 16 | 1;
    public static final int NAME_MASK = 0xFFFE0000; // /15

    public static boolean onLan(byte[] ip) {
        return ip != null && ip.length == 4 && (Ip4.toInt(ip) & 0xFFFFFF00) == Ip4.toInt(SUBNET);
    }

    public static boolean isNameAddress(byte[] ip) {
        return ip != null && ip.length == 4 && (Ip4.toInt(ip) & NAME_MASK) == (NAME_BASE & NAME_MASK);
    }
}
