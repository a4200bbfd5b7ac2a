package io.netstep.session;

import io.netstep.w5500.HostEvents;
import io.netstep.w5500.HostNetwork;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Sits between the chip and the network. The network calls {@link #toChip()} from its own
 * threads; every call becomes a work item for the session thread, so the chip changes only
 * there and only while the session runs. The chip calls {@link #toNetwork()} on the session
 * thread; those calls pass straight through.
 *
 * <p>{@link HostEvents#tcpData} must say at once how many bytes the chip took, but the chip
 * is only reachable later on the session thread. So the gate takes the bytes itself (up to
 * {@link #WINDOW} per socket, beyond that it answers 0 and the network waits for
 * {@code rxWindowOpened}), hands them to the chip in order, keeps what did not fit, and
 * offers it again when the firmware frees RX space. A FIN waits behind held data.
 */
final class NetworkGate {

    /** Bytes per socket the gate holds for the chip before it pushes back on the network. */
    static final int WINDOW = 64 * 1024;

    private static final int SOCKETS = 8;

    private final Consumer<Runnable> post;
    private HostEvents chip;
    private HostNetwork network = HostNetwork.NONE;

    /** Per socket: bytes taken from the network and not yet in the chip (queued or held). Guarded by this. */
    private final int[] inFlight = new int[SOCKETS];
    /** Per socket: held chunks the chip had no room for. Session thread only. */
    private final ArrayDeque<byte[]>[] held;
    /** Per socket: the peer's FIN arrived while data was held. Session thread only. */
    private final boolean[] finHeld = new boolean[SOCKETS];
    /** Per socket: bumped when the socket is closed or reused, so stale queued data is dropped. Guarded by this. */
    private final int[] generation = new int[SOCKETS];

    @SuppressWarnings("unchecked")
    NetworkGate(Consumer<Runnable> post) {
        this.post = post;
        this.held = (ArrayDeque<byte[]>[]) new ArrayDeque<?>[SOCKETS];
        for (int i = 0; i < SOCKETS; i++) {
            held[i] = new ArrayDeque<>();
        }
    }

    void connect(HostEvents chip, HostNetwork network) {
        this.chip = chip;
        this.network = network;
    }

    HostNetwork network() {
        return network;
    }

    private static boolean valid(int sn) {
        return sn >= 0 && sn < SOCKETS;
    }

    private synchronized int generation(int sn) {
        return generation[sn];
    }

    /** Session thread: forget what is held for {@code sn} (the socket was closed or reused). */
    private void reset(int sn) {
        if (!valid(sn)) {
            return;
        }
        synchronized (this) {
            generation[sn]++;
            inFlight[sn] = 0;
        }
        held[sn].clear();
        finHeld[sn] = false;
    }

    /** Session thread: hand held bytes to the chip until it is full. */
    private void drain(int sn) {
        ArrayDeque<byte[]> q = held[sn];
        while (!q.isEmpty()) {
            byte[] chunk = q.peekFirst();
            int took = Math.max(0, Math.min(chunk.length, chip.tcpData(sn, chunk, 0, chunk.length)));
            synchronized (this) {
                inFlight[sn] -= took;
            }
            if (took < chunk.length) {
                q.pollFirst();
                q.addFirst(java.util.Arrays.copyOfRange(chunk, took, chunk.length));
                return;
            }
            q.pollFirst();
        }
        if (finHeld[sn]) {
            finHeld[sn] = false;
            chip.tcpPeerClosed(sn);
        }
    }

    private final HostEvents toChip = new HostEvents() {
        @Override
        public void tcpConnected(int sn) {
            post.accept(() -> chip.tcpConnected(sn));
        }

        @Override
        public void tcpRefused(int sn) {
            post.accept(() -> chip.tcpRefused(sn));
        }

        @Override
        public void tcpAccepted(int sn, byte[] peerIp, int peerPort) {
            byte[] ip = peerIp.clone();
            post.accept(() -> chip.tcpAccepted(sn, ip, peerPort));
        }

        @Override
        public int tcpData(int sn, byte[] data, int off, int len) {
            if (!valid(sn) || len <= 0) {
                return 0;
            }
            int gen;
            synchronized (NetworkGate.this) {
                if (inFlight[sn] >= WINDOW) {
                    return 0;
                }
                inFlight[sn] += len;
                gen = generation[sn];
            }
            byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
            post.accept(() -> {
                if (gen != generation(sn)) {
                    return;
                }
                held[sn].addLast(copy);
                drain(sn);
            });
            return len;
        }

        @Override
        public void tcpPeerClosed(int sn) {
            int gen = valid(sn) ? generation(sn) : 0;
            post.accept(() -> {
                if (valid(sn) && gen != generation(sn)) {
                    return;
                }
                if (valid(sn) && !held[sn].isEmpty()) {
                    finHeld[sn] = true;
                } else {
                    chip.tcpPeerClosed(sn);
                }
            });
        }

        @Override
        public void tcpReset(int sn) {
            post.accept(() -> {
                reset(sn);
                chip.tcpReset(sn);
            });
        }

        @Override
        public void udpData(int sn, byte[] srcIp, int srcPort, byte[] data) {
            byte[] ip = srcIp.clone();
            byte[] d = data.clone();
            post.accept(() -> chip.udpData(sn, ip, srcPort, d));
        }

        @Override
        public void macrawFrame(byte[] frame) {
            byte[] f = frame.clone();
            post.accept(() -> chip.macrawFrame(f));
        }
    };

    private final HostNetwork toNetwork = new HostNetwork() {
        @Override
        public void tcpConnect(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort) {
            reset(sn);
            network.tcpConnect(sn, srcIp, srcPort, dstIp, dstPort);
        }

        @Override
        public void tcpListen(int sn, int port) {
            reset(sn);
            network.tcpListen(sn, port);
        }

        @Override
        public void tcpSend(int sn, byte[] data) {
            network.tcpSend(sn, data);
        }

        @Override
        public void tcpDisconnect(int sn) {
            network.tcpDisconnect(sn);
        }

        @Override
        public void close(int sn) {
            reset(sn);
            network.close(sn);
        }

        @Override
        public void rxWindowOpened(int sn) {
            // Called from inside a chip command: feed the chip afterwards, not re-entrantly.
            post.accept(() -> {
                if (valid(sn)) {
                    drain(sn);
                }
                network.rxWindowOpened(sn);
            });
        }

        @Override
        public void udpOpen(int sn, int port) {
            reset(sn);
            network.udpOpen(sn, port);
        }

        @Override
        public void udpSend(int sn, byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, byte[] data) {
            network.udpSend(sn, srcIp, srcPort, dstIp, dstPort, data);
        }

        @Override
        public boolean macrawSupported() {
            return network.macrawSupported();
        }

        @Override
        public void macrawSend(byte[] frame) {
            network.macrawSend(frame);
        }
    };

    HostEvents toChip() {
        return toChip;
    }

    HostNetwork toNetwork() {
        return toNetwork;
    }
}
