package io.netstep.w5500.internal;

/**
 * Retransmission timeouts as the datasheet (RTR, RCR) defines them. RTR is in 100 µs units.
 */
public final class Timeouts {

    private static final long UNIT_NS = 100_000L;

    private Timeouts() { }

    /** ARPTO = RTR × (RCR + 1): ARP requests are repeated at a fixed interval. */
    public static long arpNanos(int rtr, int rcr) {
        return (long) rtr * (rcr + 1) * UNIT_NS;
    }

    /**
     * TCPTO: the wait doubles after each of the RCR + 1 transmissions until doubling again
     * would pass 65535 (RTRMAX = RTR × 2^M), then stays at RTRMAX:
     * {@code (Σ_{N=0..M} RTR·2^N + (RCR − M)·RTRMAX) × 0.1 ms}. RTR 2000, RCR 8 gives 31.8 s.
     */
    public static long tcpNanos(int rtr, int rcr) {
        long total = 0;
        long wait = rtr;
        boolean capped = false;
        for (int n = 0; n <= rcr; n++) {
            total += wait;
            if (!capped && wait * 2 > 0xFFFF) {
                capped = true;
            }
            if (!capped) {
                wait *= 2;
            }
        }
        return total * UNIT_NS;
    }
}
