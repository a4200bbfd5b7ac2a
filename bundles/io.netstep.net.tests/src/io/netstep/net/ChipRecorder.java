package io.netstep.net;

import io.netstep.w5500.HostEvents;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the chip's receiving side that records what the network tells it. Its RX
 * window is a byte budget per socket: tcpData takes at most what is left, like a W5500 RX ring
 * that the firmware empties with RECV ({@link #freeWindow}). Touched on the chip thread only;
 * tests read it through {@link NetHarness#onChip}.
 */
final class ChipRecorder implements HostEvents {

    record Call(String what, int sn, byte[] ip, int port, byte[] data, byte[] dstIp) {
        Call(String what, int sn, byte[] ip, int port, byte[] data) {
            this(what, sn, ip, port, data, null);
        }

        @Override public String toString() {
            return what + "(" + sn + (ip != null ? ", " + Ip4.format(ip) + ":" + port : "") + (data != null ? ", " + data.length + " B" : "") + ")";
        }
    }

    final List<Call> calls = new ArrayList<>();
    final ByteArrayOutputStream[] received = new ByteArrayOutputStream[8];
    final int[] window = new int[8];
    /** Sizes of each tcpData offer and how much was taken, in order. */
    final List<int[]> offers = new ArrayList<>();
    final List<Long> offerTimes = new ArrayList<>();
    private final java.util.function.LongSupplier clock;

    ChipRecorder(java.util.function.LongSupplier clock) {
        this.clock = clock;
        for (int i = 0; i < 8; i++) {
            received[i] = new ByteArrayOutputStream();
            window[i] = Integer.MAX_VALUE;
        }
    }

    @Override public void tcpConnected(int sn) { calls.add(new Call("connected", sn, null, 0, null)); }
    @Override public void tcpRefused(int sn) { calls.add(new Call("refused", sn, null, 0, null)); }
    @Override public void tcpAccepted(int sn, byte[] ip, int port) { calls.add(new Call("accepted", sn, ip, port, null)); }
    @Override public void tcpPeerClosed(int sn) { calls.add(new Call("peerClosed", sn, null, 0, null)); }
    @Override public void tcpReset(int sn) { calls.add(new Call("reset", sn, null, 0, null)); }

    @Override public int tcpData(int sn, byte[] data, int off, int len) {
        int took = Math.min(len, window[sn]);
        if (window[sn] != Integer.MAX_VALUE) window[sn] -= took;
        received[sn].write(data, off, took);
        offers.add(new int[] { len, took });
        offerTimes.add(clock.getAsLong());
        calls.add(new Call("data", sn, null, 0, Arrays.copyOfRange(data, off, off + took)));
        return took;
    }

    @Override public void udpData(int sn, byte[] ip, int port, byte[] data) {
        calls.add(new Call("udp", sn, ip.clone(), port, data.clone()));
    }

    @Override public void udpData(int sn, byte[] ip, int port, byte[] dstIp, byte[] data) {
        calls.add(new Call("udp", sn, ip.clone(), port, data.clone(), dstIp == null ? null : dstIp.clone()));
    }

    /** The firmware read everything: the RX window is {@code bytes} again. */
    void freeWindow(int sn, int bytes) {
        window[sn] = bytes;
    }

    long count(String what) {
        return calls.stream().filter(c -> c.what.equals(what)).count();
    }

    Call last(String what) {
        for (int i = calls.size() - 1; i >= 0; i--) if (calls.get(i).what.equals(what)) return calls.get(i);
        return null;
    }

    /** The kinds of calls in order, data calls merged, e.g. [connected, data, peerClosed]. */
    List<String> sequence() {
        List<String> out = new ArrayList<>();
        for (Call c : calls) if (out.isEmpty() || !out.get(out.size() - 1).equals(c.what)) out.add(c.what);
        return out;
    }
}
