package io.netstep.session.capture;

import io.netstep.session.capture.Capture.Endpoint;
import io.netstep.session.capture.Capture.UdpDatagram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One captured packet down to TCP or UDP: the link layer (Ethernet with 802.1Q/802.1ad tags,
 * Linux cooked, BSD loopback, raw IP), IPv4, then TCP segments to the reassembler and UDP
 * datagrams to the list. What it cannot use is counted in {@link #notes} once per kind.
 */
final class PacketDecoder {

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;

    final TcpReassembler tcp = new TcpReassembler();
    final List<UdpDatagram> udp = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();

    List<String> notes() {
        return new ArrayList<>(notes);
    }

    void packet(int linkType, long timeNanos, byte[] b, int origLength) {
        int ip;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (b.length < 14) {
                    notes.add("Ethernet frames shorter than a header were skipped");
                    return;
                }
                int type = u16(b, 12);
                ip = 14;
                while ((type == 0x8100 || type == 0x88A8) && ip + 4 <= b.length) {
                    type = u16(b, ip + 2);
                    ip += 4;
                }
                if (type != 0x0800) {
                    if (type == 0x86DD) {
                        notes.add("IPv6 packets were skipped (NetStep reads IPv4)");
                    }
                    return;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (b.length < 16 || u16(b, 14) != 0x0800) {
                    return;
                }
                ip = 16;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                if (b.length < 4) {
                    return;
                }
                ip = 4;     // address family 2 (AF_INET) in either byte order; the version nibble decides below
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> ip = 0;
            default -> {
                notes.add("packets of link type " + linkType + " were skipped (readable: Ethernet, Linux cooked, "
                        + "loopback, raw IP)");
                return;
            }
        }
        ipv4(timeNanos, b, ip, origLength - ip);
    }

    private void ipv4(long t, byte[] b, int o, int origLength) {
        if (b.length - o < 20 || (b[o] & 0xF0) != 0x40) {
            if (b.length - o >= 1 && (b[o] & 0xF0) == 0x60) {
                notes.add("IPv6 packets were skipped (NetStep reads IPv4)");
            } else {
                notes.add("packets that are not IPv4 were skipped");
            }
            return;
        }
        int ihl = (b[o] & 0x0F) * 4;
        int total = u16(b, o + 2);
        if (ihl < 20 || total < ihl) {
            notes.add("IPv4 packets with a bad header length were skipped");
            return;
        }
        int avail = Math.min(total, b.length - o);
        if (avail < total) {
            notes.add(origLength >= total ? "packets cut short by the capture's snap length were skipped"
                    : "IPv4 packets shorter than their total length were skipped");
            return;
        }
        int frag = u16(b, o + 6);
        if ((frag & 0x3FFF) != 0) {
            notes.add("IPv4 fragments were skipped (NetStep does not reassemble IP fragments)");
            return;
        }
        String src = (b[o + 12] & 0xFF) + "." + (b[o + 13] & 0xFF) + "." + (b[o + 14] & 0xFF) + "." + (b[o + 15] & 0xFF);
        String dst = (b[o + 16] & 0xFF) + "." + (b[o + 17] & 0xFF) + "." + (b[o + 18] & 0xFF) + "." + (b[o + 19] & 0xFF);
        int l4 = o + ihl;
        int l4len = o + total - l4;
        switch (b[o + 9]) {
            case 6 -> tcp(t, b, l4, l4len, src, dst);
            case 17 -> udp(t, b, l4, l4len, src, dst);
            default -> { }
        }
    }

    private void tcp(long t, byte[] b, int o, int len, String src, String dst) {
        if (len < 20) {
            notes.add("TCP segments shorter than a header were skipped");
            return;
        }
        int hl = ((b[o + 12] & 0xF0) >> 4) * 4;
        if (hl < 20 || hl > len) {
            notes.add("TCP segments with a bad data offset were skipped");
            return;
        }
        tcp.add(new TcpReassembler.Packet(t, new Endpoint(src, u16(b, o)), new Endpoint(dst, u16(b, o + 2)),
                u32(b, o + 4), u32(b, o + 8), b[o + 13] & 0x3F, Arrays.copyOfRange(b, o + hl, o + len)));
    }

    private void udp(long t, byte[] b, int o, int len, String src, String dst) {
        if (len < 8) {
            notes.add("UDP datagrams shorter than a header were skipped");
            return;
        }
        int ulen = u16(b, o + 4);
        if (ulen < 8 || ulen > len) {
            notes.add("UDP datagrams with a bad length were skipped");
            return;
        }
        udp.add(new UdpDatagram(t, new Endpoint(src, u16(b, o)), new Endpoint(dst, u16(b, o + 2)),
                Arrays.copyOfRange(b, o + 8, o + ulen)));
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    static long u32(byte[] b, int o) {
        return ((long) u16(b, o) << 16) | u16(b, o + 2);
    }
}
