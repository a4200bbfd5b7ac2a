package io.netstep.net;

import java.util.HashMap;
import java.util.Map;

/**
 * How a {@link VirtualNetwork} is set up: the name map ({@code --map}), faults ({@code --fault}),
 * whether it may reach hosts that are not on loopback ({@code --allow-external}), and on which
 * host ports LISTEN sockets appear.
 */
public final class NetworkOptions {

    private final NameMap map = new NameMap();
    private final Faults faults = new Faults();
    private boolean allowExternal;
    private boolean answerAnyDnsServer = true;
    private int leaseSeconds = 86400;
    private final Map<Integer, Integer> listenPorts = new HashMap<>();

    /** {@code --map NAME=HOST:PORT} (see {@link NameMap}). */
    public NetworkOptions map(String spec) {
        map.add(spec);
        return this;
    }

    /** {@code --broker HOST:PORT}: every destination not mapped otherwise goes there. */
    public NetworkOptions broker(String hostPort) {
        HostPort hp = HostPort.parse(hostPort);
        map.add("*=" + hp);
        return this;
    }

    /** {@code --fault SPEC} (see {@link Fault}). */
    public NetworkOptions fault(String spec) {
        faults.add(spec);
        return this;
    }

    /** {@code --allow-external}: unmapped destinations that are not loopback are reached as they are, and DNS falls back to the host resolver. */
    public NetworkOptions allowExternal(boolean allow) {
        this.allowExternal = allow;
        return this;
    }

    /**
     * Whether DNS queries to any server address (e.g. 8.8.8.8 hard-coded in firmware) are
     * answered by the LAN's resolver (default), or only those to addresses on 192.168.77.0/24.
     */
    public NetworkOptions answerAnyDnsServer(boolean any) {
        this.answerAnyDnsServer = any;
        return this;
    }

    public NetworkOptions leaseSeconds(int s) {
        if (s < 60) throw new IllegalArgumentException("lease must be at least 60 s");
        this.leaseSeconds = s;
        return this;
    }

    /** A LISTEN socket on chip port {@code chipPort} is reachable at 127.0.0.1:{@code hostPort} (0 = any free port, the default). */
    public NetworkOptions listen(int chipPort, int hostPort) {
        if (chipPort < 1 || chipPort > 65535 || hostPort < 0 || hostPort > 65535)
            throw new IllegalArgumentException("listen ports out of range: " + chipPort + "=" + hostPort);
        listenPorts.put(chipPort, hostPort);
        return this;
    }

    /** {@code CHIPPORT=HOSTPORT}. */
    public NetworkOptions listen(String spec) {
        String[] p = spec.split("=");
        if (p.length != 2) throw new IllegalArgumentException("listen spec '" + spec + "' is not CHIPPORT=HOSTPORT");
        try {
            return listen(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen spec '" + spec + "' is not CHIPPORT=HOSTPORT");
        }
    }

    public NameMap nameMap() { return map; }
    public Faults faults() { return faults; }
    public boolean allowExternal() { return allowExternal; }
    public boolean answerAnyDnsServer() { return answerAnyDnsServer; }
    public int leaseSeconds() { return leaseSeconds; }
    public int hostPortForListen(int chipPort) { return listenPorts.getOrDefault(chipPort, 0); }
}
