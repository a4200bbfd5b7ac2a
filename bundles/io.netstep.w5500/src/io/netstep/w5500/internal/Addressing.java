package io.netstep.w5500.internal;

import static io.netstep.w5500.Registers.GAR;
import static io.netstep.w5500.Registers.SIPR;
import static io.netstep.w5500.Registers.SUBR;

/** IPv4 decisions the chip makes from SIPR, SUBR and GAR: whom to ARP for, what is a broadcast. */
final class Addressing {

    private Addressing() { }

    /** The address ARP must resolve for {@code dst}: itself on the subnet, else the gateway; null if 0.0.0.0. */
    static byte[] arpTarget(CommonBlock common, byte[] dst) {
        byte[] sip = common.bytes(SIPR, 4);
        byte[] mask = common.bytes(SUBR, 4);
        boolean local = true;
        for (int i = 0; i < 4; i++) {
            local &= (dst[i] & mask[i]) == (sip[i] & mask[i]);
        }
        byte[] hop = local ? dst : common.bytes(GAR, 4);
        return isZero(hop) ? null : hop;
    }

    /** 255.255.255.255, or the directed broadcast of the chip's own subnet. */
    static boolean broadcast(CommonBlock common, byte[] dst) {
        byte[] sip = common.bytes(SIPR, 4);
        byte[] mask = common.bytes(SUBR, 4);
        boolean all = true;
        boolean directed = !isZero(mask) && !allOnes(mask);
        for (int i = 0; i < 4; i++) {
            all &= dst[i] == (byte) 0xFF;
            directed &= (dst[i] | mask[i]) == (byte) 0xFF && (dst[i] & mask[i]) == (sip[i] & mask[i]);
        }
        return all || directed;
    }

    static boolean isZero(byte[] a) {
        return a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0;
    }

    private static boolean allOnes(byte[] a) {
        return a[0] == -1 && a[1] == -1 && a[2] == -1 && a[3] == -1;
    }

    static String ip(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }
}
