package io.netstep.net;

import java.net.InetSocketAddress;

/**
 * A host endpoint: an IPv4 address or host name and a port. Port -1 means "the port the chip
 * asked for" (a map entry without a port keeps the chip's destination port).
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("empty host");
        if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** {@code HOST}, {@code HOST:PORT}. */
    public static HostPort parse(String s) {
        if (s == null) throw new IllegalArgumentException("missing HOST[:PORT]");
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) return new HostPort(t, -1);
        String h = t.substring(0, colon);
        String p = t.substring(colon + 1);
        try {
            return new HostPort(h, Integer.parseInt(p));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + s + "': " + p);
        }
    }

    public HostPort withPortIfUnset(int chipPort) {
        return port >= 0 ? this : new HostPort(host, chipPort);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override public String toString() {
        return port < 0 ? host : host + ":" + port;
    }
}
