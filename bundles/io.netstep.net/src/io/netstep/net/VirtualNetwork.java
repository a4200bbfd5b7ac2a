package io.netstep.net;

import io.netstep.net.dhcp.DhcpServer;
import io.netstep.net.dns.DnsServer;
import io.netstep.w5500.Clock;
import io.netstep.w5500.HostEvents;
import io.netstep.w5500.HostNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network behind the virtual chip: a LAN (192.168.77.0/24, see {@link VirtualLan}) with a
 * DHCP and a DNS server, and host sockets for everything the chip sends beyond it.
 *
 * <h2>Threads and time</h2>
 * Host sockets are served by one NIO selector thread. Everything the network tells the chip
 * ({@link HostEvents}) happens in {@link #pump()}, and every {@link NetworkEvent} either there or
 * inside the {@link HostNetwork} call that caused it: all on the chip thread. The network asks
 * for a pump through the {@code chipThread} executor (which must queue the task, never run it
 * inline) and the session also calls {@link #tick()} every millisecond of virtual time. The
 * HostNetwork methods must be called on that same thread (the chip does, from its commands).
 * Delays (connect-delay, chunk delays) are measured on the chip's {@link Clock}, so they freeze
 * while the session is paused and are the same from run to run in virtual time; only the moments
 * host data arrives depend on the real host (and an RST that follows data waits
 * {@value TcpLink#RST_GRACE_MS} ms of real time so the kernel sends the data first). With
 * external hosts allowed, DNS falls back to the host resolver, which blocks the chip thread
 * while it resolves.
 *
 * <h2>Where destinations go</h2>
 * A destination is looked up in the {@link NameMap} (by the name the DNS server handed out a
 * 198.18.x.y address for, else by the address); unmapped loopback addresses are used as they are;
 * the gateway 192.168.77.1 is the PC (127.0.0.1); anything else is unreachable (the chip's SYN is
 * not answered and it times out) unless external hosts are allowed.
 */
public final class VirtualNetwork implements HostNetwork, AutoCloseable {

    private record Timer(long due, long seq, Runnable task) { }

    private final Routing routing;

    private final NetworkOptions options;
    private final Clock clock;
    private final Executor chipThread;
    private final NetworkListener listener;
    private final HostIo io;
    private final DhcpServer dhcp;
    private final DnsServer dns;
    private final TcpDelivery delivery = new TcpDelivery(this);
    private volatile HostEvents chip;

    private final TcpLink[] tcp = new TcpLink[8];
    private final UdpLink[] udp = new UdpLink[8];

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long timerSeq;
    private final AtomicBoolean pumpRequested = new AtomicBoolean();

    /**
     * @param chipThread runs {@link #pump()} on the chip thread; must queue, never run inline
     * @param listener   gets every {@link NetworkEvent} (on the chip thread)
     */
    public VirtualNetwork(NetworkOptions options, Clock clock, Executor chipThread, NetworkListener listener) {
        this.options = options;
        this.clock = clock;
        this.chipThread = chipThread;
        this.listener = listener == null ? NetworkListener.NONE : listener;
        this.dhcp = new DhcpServer(options.leaseSeconds());
        this.routing = new Routing(options);
        this.dns = new DnsServer(routing::resolve);
        try {
            this.io = new HostIo(e -> post(() -> emit(new NetworkEvent.Dropped(now(), -1, "network I/O error: " + e))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** The chip the network talks to (the W5500 is built with this network, so it is attached after). */
    public void attach(HostEvents chip) {
        this.chip = chip;
    }

    // ------------------------------------------------------------------ chip thread plumbing

    /** Runs what is due: timers up to the clock, then the queued work. Chip thread only. */
    public void pump() {
        pumpRequested.set(false);
        if (chip == null) return;
        long now = now();
        while (true) {
            Timer t;
            synchronized (timers) {
                t = timers.peek();
                if (t == null || t.due > now) break;
                timers.poll();
            }
            run(t.task);
        }
        // only what is queued now: work queued while running waits for the next pump
        for (int n = tasks.size(); n > 0; n--) {
            Runnable r = tasks.poll();
            if (r == null) break;
            run(r);
        }
        if (!tasks.isEmpty()) requestPump();
    }

    /** Called by the session every millisecond of virtual time (with the chip's tick). */
    public void tick() {
        pump();
    }

    private void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            emit(new NetworkEvent.Dropped(now(), -1, "network error: " + e));
        }
    }

    void post(Runnable r) {
        tasks.add(r);
        requestPump();
    }

    void schedule(long dueNanos, Runnable r) {
        synchronized (timers) {
            timers.add(new Timer(dueNanos, timerSeq++, r));
        }
    }

    private void requestPump() {
        if (pumpRequested.compareAndSet(false, true)) chipThread.execute(this::pump);
    }

    long now() {
        return clock.nanos();
    }

    HostEvents chip() {
        return chip;
    }

    void emit(NetworkEvent e) {
        try {
            listener.event(e);
        } catch (RuntimeException ignored) {
            // a listener's failure must not break the network
        }
    }

    boolean isCurrent(TcpLink l) {
        return l.sn >= 0 && l.sn < 8 && tcp[l.sn] == l;
    }

    // ------------------------------------------------------------------ HostNetwork (chip thread)

    @Override public void tcpConnect(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort) {
        if (!validSocket(sn)) return;
        try {
            dropSocket(sn, false);
            TcpLink l = new TcpLink(sn, this, io);
            tcp[sn] = l;
            String dst = Ip4.format(dstIp);
            Routing.Route r = route(dstIp, dstPort);
            String hostStr = r.host() == null ? null : r.host().toString();
            int hostPort = r.host() == null ? -1 : r.host().port();
            String[] names = { dst, r.name(), r.host() == null ? null : r.host().host(), hostStr };
            Faults faults = options.faults();
            Fault delay = faults.find(Fault.Kind.CONNECT_DELAY, dstPort, hostPort, names);
            long due = now() + (delay == null ? 0 : delay.amount() * 1_000_000L);
            if (delay != null)
                emit(new NetworkEvent.FaultApplied(now(), sn, delay.spec(), "SYN answered " + delay.amount() + " ms late"));
            Fault blackhole = faults.find(Fault.Kind.BLACKHOLE, dstPort, hostPort, names);
            if (blackhole != null) {
                emit(new NetworkEvent.FaultApplied(now(), sn, blackhole.spec(), "SYN to " + dst + ":" + dstPort + " dropped"));
                emit(new NetworkEvent.Connect(now(), sn, dst, dstPort, r.name(), hostStr, NetworkEvent.ConnectResult.NO_ANSWER, "blackholed"));
                return;
            }
            Fault refuse = faults.find(Fault.Kind.REFUSE, dstPort, hostPort, names);
            if (refuse != null) {
                emit(new NetworkEvent.FaultApplied(now(), sn, refuse.spec(), "SYN to " + dst + ":" + dstPort + " answered with RST"));
                schedule(due, () -> {
                    if (!isCurrent(l)) return;
                    emit(new NetworkEvent.Connect(now(), sn, dst, dstPort, r.name(), hostStr, NetworkEvent.ConnectResult.REFUSED, "refused by fault"));
                    chip.tcpRefused(sn);
                });
                requestPump();
                return;
            }
            if (r.host() == null) {
                emit(new NetworkEvent.Connect(now(), sn, dst, dstPort, r.name(), null, NetworkEvent.ConnectResult.UNMAPPED, r.why()));
                return;
            }
            l.chunk = faults.find(Fault.Kind.CHUNK, dstPort, hostPort, names);
            l.inLimit = firstOf(faults.find(Fault.Kind.RESET_AFTER, false, dstPort, hostPort, names),
                    faults.find(Fault.Kind.CLOSE_AFTER, false, dstPort, hostPort, names));
            l.outLimit = firstOf(faults.find(Fault.Kind.RESET_AFTER, true, dstPort, hostPort, names),
                    faults.find(Fault.Kind.CLOSE_AFTER, true, dstPort, hostPort, names));
            l.nextChunkAt = due; // data never before the connect answer
            l.connectDue = due;
            l.connectInfo = new String[] { dst, String.valueOf(dstPort), r.name(), hostStr };
            HostPort target = r.host();
            io.submit(() -> {
                InetSocketAddress a = new InetSocketAddress(target.host(), target.port());
                if (a.isUnresolved()) {
                    hostConnected(l, new UnknownHostException(target.host()), false);
                    return;
                }
                l.startConnect(a);
            });
        } catch (RuntimeException e) {
            emit(new NetworkEvent.Dropped(now(), sn, "connect failed inside the network: " + e));
        }
    }

    private static Fault firstOf(Fault a, Fault b) {
        return a != null ? a : b;
    }

    /** The host answered (or not) a connect (I/O thread). */
    void hostConnected(TcpLink l, Exception error, boolean refused) {
        Runnable answer = () -> {
            if (!isCurrent(l)) {
                l.io.submit(l::abort);
                return;
            }
            String[] c = l.connectInfo;
            String dst = c[0];
            int port = Integer.parseInt(c[1]);
            if (error == null) {
                emit(new NetworkEvent.Connect(now(), l.sn, dst, port, c[2], c[3], NetworkEvent.ConnectResult.CONNECTED, null));
                l.chipConnected = true;
                chip.tcpConnected(l.sn);
                delivery.deliver(l);
            } else if (refused) {
                emit(new NetworkEvent.Connect(now(), l.sn, dst, port, c[2], c[3], NetworkEvent.ConnectResult.REFUSED, String.valueOf(error.getMessage())));
                tcp[l.sn] = null;
                chip.tcpRefused(l.sn);
            } else {
                // no RST came back (unreachable, unresolvable): like a lost SYN, the chip times out
                emit(new NetworkEvent.Connect(now(), l.sn, dst, port, c[2], c[3], NetworkEvent.ConnectResult.NO_ANSWER, String.valueOf(error)));
            }
        };
        post(() -> {
            if (l.connectDue > now()) schedule(l.connectDue, answer);
            else answer.run();
        });
    }

    void hostListening(TcpLink l, int chipPort, int hostPort, Exception error) {
        post(() -> {
            if (error == null) emit(new NetworkEvent.Listening(now(), l.sn, chipPort, hostPort));
            else emit(new NetworkEvent.Dropped(now(), l.sn, "cannot listen on 127.0.0.1:" + hostPort + ": " + error.getMessage()));
        });
    }

    void hostAccepted(TcpLink l, InetSocketAddress peer) {
        post(() -> {
            if (!isCurrent(l)) {
                l.io.submit(l::abort);
                return;
            }
            emit(new NetworkEvent.Accepted(now(), l.sn, peer.getAddress().getHostAddress() + ":" + peer.getPort()));
            l.chipConnected = true;
            // the host client appears on the LAN as the PC, the gateway
            chip.tcpAccepted(l.sn, VirtualLan.GATEWAY.clone(), peer.getPort());
            delivery.deliver(l);
        });
    }

    void requestDelivery(TcpLink l) {
        post(() -> delivery.deliver(l));
    }

    @Override public void tcpListen(int sn, int port) {
        if (!validSocket(sn)) return;
        dropSocket(sn, false);
        TcpLink l = new TcpLink(sn, this, io);
        tcp[sn] = l;
        l.connectInfo = new String[] { "listen", String.valueOf(port), null, null };
        int hostPort = options.hostPortForListen(port);
        io.submit(() -> l.startListen(port, hostPort));
    }

    /** Where the LISTEN socket {@code sn} can be reached on the host (completes once it is bound). Chip thread, or after tcpListen returned. */
    public CompletableFuture<InetSocketAddress> listenAddress(int sn) {
        TcpLink l = validSocket(sn) ? tcp[sn] : null;
        return l == null ? CompletableFuture.failedFuture(new IllegalStateException("socket " + sn + " is not listening")) : l.listenAddress;
    }

    @Override public void tcpSend(int sn, byte[] data) {
        if (!validSocket(sn) || data == null) return;
        TcpLink l = tcp[sn];
        if (l == null || !l.chipConnected) {
            emit(new NetworkEvent.Dropped(now(), sn, (data.length) + " bytes sent on a socket with no host connection"));
            return;
        }
        delivery.send(l, data.clone());
    }

    @Override public void tcpDisconnect(int sn) {
        if (!validSocket(sn)) return;
        TcpLink l = tcp[sn];
        if (l == null || !l.chipConnected) return;
        l.outStopped = true;
        l.shutdownOutput();
    }

    @Override public void close(int sn) {
        if (!validSocket(sn)) return;
        dropSocket(sn, true);
    }

    private void dropSocket(int sn, boolean report) {
        TcpLink l = tcp[sn];
        tcp[sn] = null;
        if (l != null) {
            boolean graceful = l.finished || (l.eofDelivered && l.outStopped);
            l.endAfterFlush(!graceful);
            if (report && l.chipConnected && !l.finished)
                emit(new NetworkEvent.Closed(now(), sn, graceful ? "closed by chip" : "closed by chip (RST to host)"));
        }
        UdpLink u = udp[sn];
        udp[sn] = null;
        if (u != null) u.close();
    }

    @Override public void rxWindowOpened(int sn) {
        if (!validSocket(sn)) return;
        TcpLink l = tcp[sn];
        if (l == null || !l.windowClosed) return;
        l.windowClosed = false;
        post(() -> delivery.deliver(l)); // never inline: this is called from inside the chip's RECV command
    }

    /**
     * ARP on the virtual LAN: only the gateway (the PC) answers there, so an address DHCP
     * handed out (the chip's own, which ioLibrary's DHCP client probes for conflicts) or any
     * other LAN address gets no answer and the chip times out. Addresses on subnets the firmware
     * configured itself (static IP) are answered: past them the name map decides.
     */
    @Override public boolean arpAnswers(byte[] ip) {
        if (ip == null || ip.length != 4) return false;
        if (VirtualLan.onLan(ip)) return java.util.Arrays.equals(ip, VirtualLan.GATEWAY);
        return true;
    }

    @Override public void udpOpen(int sn, int port) {
        if (!validSocket(sn)) return;
        dropSocket(sn, false);
        udp[sn] = new UdpLink(sn, port, this, io);
    }

    @Override public void udpSend(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, byte[] data) {
        if (!validSocket(sn) || dstIp == null || dstIp.length != 4 || data == null) return;
        try {
            LanServices.handle(this, sn, srcIp == null || srcIp.length != 4 ? new byte[4] : srcIp.clone(), dstIp.clone(), dstPort, data.clone());
        } catch (RuntimeException e) {
            emit(new NetworkEvent.Dropped(now(), sn, "UDP send failed inside the network: " + e));
        }
    }

    /** A datagram leaving the LAN for a host endpoint. */
    void udpToHost(int sn, byte[] srcIp, byte[] dstIp, int dstPort, byte[] data) {
        UdpLink u = udp[sn];
        if (u == null) {
            emit(new NetworkEvent.Dropped(now(), sn, "UDP send on a socket that is not open in UDP mode"));
            return;
        }
        Routing.Route r = route(dstIp, dstPort);
        if (r.host() == null) {
            emit(new NetworkEvent.Dropped(now(), sn, "UDP to " + Ip4.format(dstIp) + ":" + dstPort + ": " + r.why()));
            return;
        }
        InetSocketAddress a = new InetSocketAddress(r.host().host(), r.host().port());
        if (a.isUnresolved()) {
            emit(new NetworkEvent.Dropped(now(), sn, "UDP to " + r.host() + ": host unknown"));
            return;
        }
        emit(new NetworkEvent.Datagram(now(), sn, false, r.host().toString(), data.length));
        u.send(a, srcIp, dstIp, dstPort, data, !a.getAddress().isLoopbackAddress());
    }

    /** A datagram from the host for UDP socket {@code u} (I/O thread). */
    void udpFromHost(UdpLink u, byte[] chipPeerIp, int chipPeerPort, byte[] chipIp, InetSocketAddress from, byte[] data) {
        post(() -> {
            if (udp[u.sn] != u) return;
            emit(new NetworkEvent.Datagram(now(), u.sn, true, from.getAddress().getHostAddress() + ":" + from.getPort(), data.length));
            chip.udpData(u.sn, chipPeerIp, chipPeerPort, chipIp, data);
        });
    }

    DhcpServer dhcp() {
        return dhcp;
    }

    DnsServer dns() {
        return dns;
    }

    NetworkOptions options() {
        return options;
    }

    Routing.Route route(byte[] dst, int port) {
        return routing.route(dst, port);
    }

    private static boolean validSocket(int sn) {
        return sn >= 0 && sn < 8;
    }

    /** Timers waiting for virtual time (for tests). */
    int pendingTimers() {
        synchronized (timers) {
            return timers.size();
        }
    }

    /** Bytes from the host that socket {@code sn} has not handed to the chip yet (for tests and views; chip thread). */
    public long heldBytes(int sn) {
        TcpLink l = validSocket(sn) ? tcp[sn] : null;
        return l == null ? 0 : l.held();
    }

    /** Stops the I/O thread and closes every host socket. */
    @Override public void close() {
        io.close();
    }
}
