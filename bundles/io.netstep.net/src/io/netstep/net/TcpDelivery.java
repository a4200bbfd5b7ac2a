package io.netstep.net;

import io.netstep.w5500.HostEvents;

import java.util.Arrays;

/**
 * The chip-thread half of a TCP connection: hands host bytes to the chip as far as it takes them
 * (the rest waits for {@code rxWindowOpened}), then FIN or RST in order after the data, and
 * applies the data faults (chunk, reset-after, close-after). Runs on the chip thread only.
 */
final class TcpDelivery {

    private final VirtualNetwork net;

    TcpDelivery(VirtualNetwork net) {
        this.net = net;
    }

    void deliver(TcpLink l) {
        HostEvents chip = net.chip();
        if (!net.isCurrent(l) || !l.chipConnected || l.finished) return;
        while (true) {
            String error = l.hostError();
            if (error != null && (l.windowClosed || l.peekIn() == null)) {
                long dropped = l.held();
                l.finished = true;
                net.emit(new NetworkEvent.Closed(net.now(), l.sn, "RST from host (" + error + ")"
                        + (dropped > 0 ? "; " + dropped + " bytes the chip had not taken are lost" : "")));
                chip.tcpReset(l.sn);
                return;
            }
            if (l.windowClosed) return;
            long now = net.now();
            if (l.nextChunkAt > now) return; // a timer will call again
            byte[] head = l.peekIn();
            if (head == null) {
                if (l.hostEof() && !l.eofDelivered) {
                    l.eofDelivered = true;
                    net.emit(new NetworkEvent.Closed(net.now(), l.sn, "FIN from host"));
                    chip.tcpPeerClosed(l.sn);
                }
                return;
            }
            int off = l.headOffset();
            int len = head.length - off;
            if (l.chunk != null) len = (int) Math.min(len, l.chunk.amount());
            if (l.inLimit != null) len = (int) Math.min(len, l.inLimit.amount() - l.deliveredIn);
            if (len <= 0) { // reset-after=0 / close-after=0
                applyInLimit(l);
                return;
            }
            int took = chip.tcpData(l.sn, head, off, len);
            if (took < 0) took = 0;
            if (took > len) took = len;
            if (took > 0) {
                net.emit(new NetworkEvent.Bytes(net.now(), l.sn, true, Arrays.copyOfRange(head, off, off + took)));
                l.consume(took);
                l.deliveredIn += took;
            }
            if (l.inLimit != null && l.deliveredIn >= l.inLimit.amount()) {
                applyInLimit(l);
                return;
            }
            if (took < len) {
                l.windowClosed = true; // the rest waits for rxWindowOpened
                return;
            }
            if (l.chunk != null) {
                if (!l.chunkReported) {
                    l.chunkReported = true;
                    net.emit(new NetworkEvent.FaultApplied(net.now(), l.sn, l.chunk.spec(),
                            "inbound data split into " + l.chunk.amount() + "-byte pieces, " + l.chunk.delayMs() + " ms apart"));
                }
                if (l.chunk.delayMs() > 0) {
                    l.nextChunkAt = now + l.chunk.delayMs() * 1_000_000L;
                    net.schedule(l.nextChunkAt, () -> deliver(l));
                } else {
                    net.post(() -> deliver(l)); // the next piece in a later pump: the firmware may read in between
                }
                return;
            }
        }
    }

    private void applyInLimit(TcpLink l) {
        Fault f = l.inLimit;
        l.finished = true;
        if (f.kind() == Fault.Kind.RESET_AFTER) {
            net.emit(new NetworkEvent.FaultApplied(net.now(), l.sn, f.spec(), "connection reset after " + l.deliveredIn + " bytes to the chip"));
            l.io.submit(l::abort);
            net.chip().tcpReset(l.sn);
        } else {
            net.emit(new NetworkEvent.FaultApplied(net.now(), l.sn, f.spec(), "host closed after " + l.deliveredIn + " bytes to the chip"));
            l.outStopped = true;
            l.io.submit(l::closeQuietly);
            net.chip().tcpPeerClosed(l.sn);
        }
    }

    /** Chip → host bytes, with the outbound faults. */
    void send(TcpLink l, byte[] data) {
        if (l.outStopped) {
            net.emit(new NetworkEvent.Dropped(net.now(), l.sn, data.length + " bytes sent after the host side closed"));
            return;
        }
        byte[] d = data;
        Fault f = l.outLimit;
        boolean trip = false;
        if (f != null && l.sentOut + d.length >= f.amount()) {
            d = Arrays.copyOf(d, (int) Math.max(0, f.amount() - l.sentOut));
            trip = true;
        }
        if (d.length > 0) {
            net.emit(new NetworkEvent.Bytes(net.now(), l.sn, false, d.clone()));
            l.sentOut += d.length;
            l.send(d);
        }
        if (!trip) return;
        l.outStopped = true;
        l.finished = true;
        if (f.kind() == Fault.Kind.RESET_AFTER) {
            net.emit(new NetworkEvent.FaultApplied(net.now(), l.sn, f.spec(), "connection reset after " + l.sentOut + " bytes from the chip"));
            l.endAfterFlush(true);
            net.post(() -> { if (net.isCurrent(l)) net.chip().tcpReset(l.sn); });
        } else {
            net.emit(new NetworkEvent.FaultApplied(net.now(), l.sn, f.spec(), "host closed after " + l.sentOut + " bytes from the chip"));
            l.shutdownOutput();
            net.post(() -> { if (net.isCurrent(l)) net.chip().tcpPeerClosed(l.sn); });
        }
    }
}
