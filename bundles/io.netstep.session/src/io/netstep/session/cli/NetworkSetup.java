package io.netstep.session.cli;

import io.netstep.net.NetworkOptions;
import io.netstep.net.VirtualNetwork;
import io.netstep.session.Session;

/** Builds the virtual network from the command line options (and for the Eclipse launch delegate). */
public final class NetworkSetup {

    private NetworkSetup() { }

    /** Parses the network options now (bad ones fail before anything starts). */
    static NetworkOptions options(RunOptions o) {
        NetworkOptions n = new NetworkOptions();
        if (o.broker != null) {
            n.broker(o.broker);
        }
        for (String m : o.maps) {
            n.map(m);
        }
        for (String f : o.faults) {
            n.fault(f);
        }
        n.allowExternal(o.allowExternal);
        return n;
    }

    /** The binder that puts a {@link VirtualNetwork} with {@code options} behind a session's chip. */
    public static Session.NetworkBinder binder(NetworkOptions options) {
        return side -> {
            VirtualNetwork net = new VirtualNetwork(options, side.clock(), side.sessionThread(), side::log);
            net.attach(side.direct());
            side.everyMillisecond(net::tick);
            return net;
        };
    }
}
