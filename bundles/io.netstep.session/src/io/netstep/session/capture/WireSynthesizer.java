package io.netstep.session.capture;

import static io.netstep.w5500.Registers.*;

import io.netstep.session.LogEntry;
import io.netstep.session.capture.PacketBuilder.Host;
import io.netstep.w5500.ChipEvent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an event log into the Ethernet frames the chip's wire would have carried, as the
 * firmware saw it: the chip's own MAC and IP are SHAR and SIPR as the firmware wrote them
 * (after DHCP: the lease), the peer is Sn_DIPR/Sn_DPORT at CONNECT (or the peer the chip
 * accepted) — the virtual addresses, never the host's real endpoint. TCP gets a 3-way
 * handshake, data segments of at most the MSS with sequence and acknowledgement numbers per
 * direction, an ACK from the receiver after each burst, and FIN or RST at the close; UDP
 * datagrams (DHCP, DNS, the firmware's own) go out as they were; MACRAW frames as they are.
 */
final class WireSynthesizer {

    /** A frame on the wire: when (epoch microseconds), its bytes, and the log entry it comes from. */
    record Frame(long micros, byte[] bytes, long seq) { }

    interface Sink {
        void frame(Frame f) throws java.io.IOException;
    }

    /** The network side of every conversation (the gateway or peer as the chip sees it): locally administered. */
    static final byte[] PEER_MAC = { 0x02, 0x4e, 0x53, 0x00, 0x00, 0x01 };
    static final byte[] BROADCAST_MAC = { -1, -1, -1, -1, -1, -1 };
    static final int DEFAULT_MSS = 1460;
    private static final int PEER_TTL = 64;
    private static final int PEER_WINDOW = 65535;
    private static final Pattern SYN_FROM = Pattern.compile("SYN from (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

    private final Sink sink;
    private final byte[] common = new byte[0x40];
    private final byte[][] socketRegs = new byte[8][0x30];
    private final int[] state = new int[8];
    private final Conn[] conns = new Conn[8];
    private int chipIpId = 1;
    private int peerIpId = 0x4000;
    private long lastMicros;
    private LogEntry current;
    private List<LogEntry> all;
    private int index;

    WireSynthesizer(Sink sink) {
        this.sink = sink;
        resetRegisters();
    }

    /** One TCP connection of a socket. */
    private static final class Conn {
        int sn;
        Host chip;
        Host peer;
        long chipNext;      // next sequence number the chip sends
        long peerNext;
        int mss;
        boolean open;       // handshake done
    }

    void run(List<LogEntry> entries) throws java.io.IOException {
        all = entries;
        for (index = 0; index < entries.size(); index++) {
            current = entries.get(index);
            if (current.event() instanceof ChipEvent ce) {
                chipEvent(ce);
            }
        }
    }

    private void chipEvent(ChipEvent ce) throws java.io.IOException {
        if (ce instanceof ChipEvent.SpiFrame f) {
            spiWrite(f);
        } else if (ce instanceof ChipEvent.Reset) {
            resetRegisters();
        } else if (ce instanceof ChipEvent.StateChange s && s.socket() >= 0 && s.socket() < 8) {
            stateChange(s);
        } else if (ce instanceof ChipEvent.Data d && d.socket() >= 0 && d.socket() < 8) {
            data(d);
        }
    }

    // ------------------------------------------------------------------ register shadow

    private void resetRegisters() {
        java.util.Arrays.fill(common, (byte) 0);
        for (int sn = 0; sn < 8; sn++) {
            java.util.Arrays.fill(socketRegs[sn], (byte) 0);
            socketRegs[sn][Sn_TTL] = (byte) 0x80;
            socketRegs[sn][Sn_RXBUF_SIZE] = 2;
            state[sn] = SOCK_CLOSED;
            conns[sn] = null;
        }
    }

    private void spiWrite(ChipEvent.SpiFrame f) {
        if (!f.write() || f.data() == null) {
            return;
        }
        byte[] target;
        if (f.block() == 0) {
            target = common;
        } else if ((f.block() & 3) == 1) {
            target = socketRegs[(f.block() - 1) >> 2];
        } else {
            return;   // TX/RX buffer memory: the bytes reach the wire through Data events
        }
        for (int i = 0; i < f.data().length; i++) {
            int a = f.offset() + i;
            if (a < target.length) {
                target[a] = f.data()[i];
            }
        }
    }

    private byte[] chipMac() {
        return java.util.Arrays.copyOfRange(common, SHAR, SHAR + 6);
    }

    private byte[] chipIp() {
        return java.util.Arrays.copyOfRange(common, SIPR, SIPR + 4);
    }

    private int sockU16(int sn, int reg) {
        return (socketRegs[sn][reg] & 0xFF) << 8 | (socketRegs[sn][reg + 1] & 0xFF);
    }

    private Host chipHost(int sn) {
        return new Host(chipMac(), chipIp(), sockU16(sn, Sn_PORT), socketRegs[sn][Sn_TTL] & 0xFF);
    }

    private int chipWindow(int sn) {
        int kb = socketRegs[sn][Sn_RXBUF_SIZE] & 0xFF;
        return Math.max(1024, Math.min(16, kb) * 1024);
    }

    // ------------------------------------------------------------------ TCP

    private void stateChange(ChipEvent.StateChange s) throws java.io.IOException {
        int sn = s.socket();
        state[sn] = s.to();
        Conn c = conns[sn];
        switch (s.to()) {
            case SOCK_SYNSENT -> {
                c = conns[sn] = new Conn();
                c.sn = sn;
                c.chip = chipHost(sn);
                c.peer = new Host(PEER_MAC, java.util.Arrays.copyOfRange(socketRegs[sn], Sn_DIPR, Sn_DIPR + 4),
                        sockU16(sn, Sn_DPORT), PEER_TTL);
                c.mss = mss(sn);
                c.chipNext = isn(current.seq(), 0x5A5A);
                c.peerNext = isn(current.seq(), 0xC3C3);
                tcp(c, true, c.chipNext, 0, PacketBuilder.SYN, c.mss);
                c.chipNext++;
                return;
            }
            case SOCK_SYNRECV -> {
                c = conns[sn] = new Conn();
                c.sn = sn;
                c.chip = chipHost(sn);
                c.peer = acceptedPeer(s);
                c.mss = mss(sn);
                c.chipNext = isn(current.seq(), 0x5A5A);
                c.peerNext = isn(current.seq(), 0xC3C3);
                tcp(c, false, c.peerNext, 0, PacketBuilder.SYN, c.mss);
                c.peerNext++;
                tcp(c, true, c.chipNext, c.peerNext, PacketBuilder.SYN | PacketBuilder.ACK, c.mss);
                c.chipNext++;
                return;
            }
            default -> { }
        }
        if (c == null) {
            return;
        }
        int from = s.from();
        int to = s.to();
        if (from == SOCK_SYNSENT && to == SOCK_ESTABLISHED) {
            tcp(c, false, c.peerNext, c.chipNext, PacketBuilder.SYN | PacketBuilder.ACK, DEFAULT_MSS);
            c.peerNext++;
            ack(c, true);
            c.open = true;
        } else if (from == SOCK_SYNRECV && to == SOCK_ESTABLISHED) {
            ack(c, false);
            c.open = true;
        } else if (to == SOCK_FIN_WAIT || to == SOCK_LAST_ACK) {
            tcp(c, true, c.chipNext, c.peerNext, PacketBuilder.FIN | PacketBuilder.ACK, 0);
            c.chipNext++;
        } else if (to == SOCK_CLOSE_WAIT || (from == SOCK_FIN_WAIT && (to == SOCK_TIME_WAIT || to == SOCK_CLOSING))) {
            tcp(c, false, c.peerNext, c.chipNext, PacketBuilder.FIN | PacketBuilder.ACK, 0);
            c.peerNext++;
            ack(c, true);
        } else if (to == SOCK_CLOSED) {
            if (from == SOCK_LAST_ACK) {
                ack(c, false);
            } else if (from == SOCK_TIME_WAIT) {
                // both FINs are on the wire already
            } else if (s.cause() != null && s.cause().startsWith("RST")) {
                tcp(c, false, c.peerNext, c.chipNext, PacketBuilder.RST | PacketBuilder.ACK, 0);
            } else if (c.open || from == SOCK_SYNRECV) {
                // CLOSE on an open connection (or a timeout in it): the chip aborts with RST
                tcp(c, true, c.chipNext, c.peerNext, PacketBuilder.RST | PacketBuilder.ACK, 0);
            }
            conns[sn] = null;
        }
    }

    private int mss(int sn) {
        int m = sockU16(sn, Sn_MSSR);
        return m == 0 ? DEFAULT_MSS : Math.min(m, DEFAULT_MSS);
    }

    /** The accepted peer from the chip's own words, else from its first Data event. */
    private Host acceptedPeer(ChipEvent.StateChange s) {
        if (s.cause() != null) {
            Matcher m = SYN_FROM.matcher(s.cause());
            if (m.find()) {
                String[] p = m.group(1).split("\\.");
                byte[] ip = new byte[4];
                for (int i = 0; i < 4; i++) {
                    ip[i] = (byte) Integer.parseInt(p[i]);
                }
                return new Host(PEER_MAC, ip, Integer.parseInt(m.group(2)), PEER_TTL);
            }
        }
        for (int k = index + 1; k < all.size(); k++) {
            if (all.get(k).event() instanceof ChipEvent.Data d && d.socket() == s.socket() && d.peerIp() != null) {
                return new Host(PEER_MAC, d.peerIp().clone(), d.peerPort(), PEER_TTL);
            }
        }
        return new Host(PEER_MAC, new byte[4], 0, PEER_TTL);
    }

    private static long isn(long entrySeq, int salt) {
        return ((entrySeq + 1) * 0x9E3779B1L ^ (salt * 0x10001L)) & 0xFFFFFFFFL;
    }

    private void ack(Conn c, boolean fromChip) throws java.io.IOException {
        tcp(c, fromChip, fromChip ? c.chipNext : c.peerNext, fromChip ? c.peerNext : c.chipNext, PacketBuilder.ACK, 0);
    }

    private void tcp(Conn c, boolean fromChip, long seq, long ack, int flags, int mss) throws java.io.IOException {
        tcpData(c, fromChip, seq, ack, flags, mss, new byte[0], 0, 0);
    }

    private void tcpData(Conn c, boolean fromChip, long seq, long ack, int flags, int mss, byte[] d, int off, int len)
            throws java.io.IOException {
        Host src = fromChip ? c.chip : c.peer;
        Host dst = fromChip ? c.peer : c.chip;
        int window = fromChip ? chipWindow(c.sn) : PEER_WINDOW;
        int id = fromChip ? chipIpId++ : peerIpId++;
        emit(PacketBuilder.tcp(src, dst, id, seq & 0xFFFFFFFFL, (flags & PacketBuilder.ACK) != 0 ? ack & 0xFFFFFFFFL : 0,
                flags, window, mss, d, off, len));
    }

    // ------------------------------------------------------------------ data

    private void data(ChipEvent.Data d) throws java.io.IOException {
        int sn = d.socket();
        int st = state[sn];
        if (st == SOCK_MACRAW) {
            if (d.bytes().length >= PacketBuilder.ETH_HEADER) {
                emit(d.bytes().clone());
            }
        } else if (st == SOCK_UDP) {
            udp(sn, d);
        } else if (conns[sn] != null) {
            Conn c = conns[sn];
            byte[] b = d.bytes();
            for (int off = 0; off < b.length; off += c.mss) {
                int n = Math.min(c.mss, b.length - off);
                int flags = PacketBuilder.ACK | (off + n == b.length ? PacketBuilder.PSH : 0);
                if (d.tx()) {
                    tcpData(c, true, c.chipNext, c.peerNext, flags, 0, b, off, n);
                    c.chipNext += n;
                } else {
                    tcpData(c, false, c.peerNext, c.chipNext, flags, 0, b, off, n);
                    c.peerNext += n;
                }
            }
            if (b.length > 0) {
                ack(c, !d.tx());
            }
        }
    }

    private void udp(int sn, ChipEvent.Data d) throws java.io.IOException {
        byte[] peerIp = d.peerIp() == null ? new byte[4] : d.peerIp();
        Host chip = chipHost(sn);
        if (d.tx()) {
            Host dst = new Host(broadcast(peerIp) ? BROADCAST_MAC : PEER_MAC, peerIp, d.peerPort(), PEER_TTL);
            emit(PacketBuilder.udp(chip, dst, chipIpId++, d.bytes()));
        } else {
            byte[] myIp = chip.ip();
            boolean unconfigured = isZero(myIp);
            Host dst = new Host(unconfigured ? BROADCAST_MAC : chip.mac(),
                    unconfigured ? new byte[] { -1, -1, -1, -1 } : myIp, chip.port(), chip.ttl());
            Host src = new Host(PEER_MAC, peerIp, d.peerPort(), PEER_TTL);
            emit(PacketBuilder.udp(src, dst, peerIpId++, d.bytes()));
        }
    }

    private boolean broadcast(byte[] ip) {
        boolean all = true;
        boolean subnet = !isZero(java.util.Arrays.copyOfRange(common, SUBR, SUBR + 4));
        for (int i = 0; i < 4; i++) {
            all &= ip[i] == -1;
            int host = ~common[SUBR + i] & 0xFF;
            subnet &= (ip[i] & host) == host;
        }
        return all || subnet;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void emit(byte[] frame) throws java.io.IOException {
        // wall time in ms; frames within one millisecond get 1 µs steps to keep their order
        long t = Math.max(current.wallMillis() * 1000, lastMicros + 1);
        lastMicros = t;
        sink.frame(new Frame(t, frame, current.seq()));
    }
}
