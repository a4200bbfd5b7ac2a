package io.netstep.fuzz;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.Registers;
import io.netstep.w5500.W5500;
import java.util.Arrays;

/**
 * Jazzer entry point for the chip's SPI decoding: the input is a script of SPI frames the
 * way an SPI master (ioLibrary's callbacks through the bridge) clocks them, mixed with the
 * host-network answers and time steps the chip would see. Checks: nothing thrown, every
 * exchange answers MISO of exactly the MOSI length, a released chip (SCSn high) drives
 * nothing, a new frame's header answers 0x01 0x02 0x03, every SpiFrame event is
 * self-consistent and VERSIONR stays 0x04.
 * <p>
 * Script records (one kind byte, then its arguments), see {@link Script}:
 * <ul>
 * <li>{@code k & 7 < 4}: a frame: length {@code n}, then {@code n} MOSI bytes, clocked in
 * chunks of {@code 1 + (k >> 3)} bytes after select (unless already selected), then deselect
 * unless bit 1 of {@code k} keeps SCSn low for the next frame record (long bursts);
 * <li>{@code 4}: time step of {@code (b + 1)^2} ms, then {@code tick()};
 * <li>{@code 5}: a host event {@code e} for socket {@code e & 7}, kind {@code e >> 3}
 * (connected, refused, accepted, data, peer closed, reset, UDP data, ICMP / IP conflict);
 * data events take a length and the bytes;
 * <li>{@code 6}: a stray select or deselect (SCSn misuse);
 * <li>{@code 7}: a hardware reset, or a debugger poke.
 * </ul>
 */
public final class W5500SpiFuzz {

    private W5500SpiFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        long[] now = {0};
        W5500 chip = new W5500(() -> now[0], HostNetwork.NONE);
        chip.addListener(W5500SpiFuzz::checkEvent);
        Script in = new Script(data);
        boolean selected = false;
        while (in.more()) {
            int k = in.next();
            switch (k & 7) {
                case 0, 1, 2, 3 -> {
                    byte[] mosi = in.bytes(in.next());
                    int chunk = 1 + (k >> 3);
                    if (!selected) {
                        chip.select();
                    }
                    boolean fresh = !selected;
                    for (int at = 0; at < mosi.length; at += chunk) {
                        byte[] part = Arrays.copyOfRange(mosi, at, Math.min(mosi.length, at + chunk));
                        byte[] miso = exchange(chip, part);
                        for (int i = 0; fresh && i < miso.length && at + i < 3; i++) {
                            if (miso[i] != at + i + 1) {
                                throw new IllegalStateException("header byte " + (at + i) + " answered "
                                        + (miso[i] & 0xFF) + ", expected " + (at + i + 1));
                            }
                        }
                    }
                    // Bit 1: keep SCSn low, the next frame record continues this frame.
                    selected = (k & 2) != 0;
                    if (!selected) {
                        chip.deselect();
                    }
                }
                case 4 -> {
                    int b = in.next();
                    now[0] += (long) (b + 1) * (b + 1) * 1_000_000L;
                    chip.tick();
                }
                case 5 -> hostEvent(chip, in);
                case 6 -> {
                    if ((in.next() & 1) == 0) {
                        chip.select();
                        selected = true;
                    } else {
                        chip.deselect();
                        selected = false;
                    }
                    // Bytes clocked now go to a frame with no header check, or to a released chip.
                    byte[] miso = exchange(chip, in.bytes(in.next() & 0x0F));
                    if (!selected && !allZero(miso)) {
                        throw new IllegalStateException("MISO driven while SCSn is high: " + Arrays.toString(miso));
                    }
                }
                default -> {
                    int b = in.next();
                    if (b == 0xFF) {
                        chip.hardwareReset();
                    } else {
                        chip.poke(b & 0x1F, in.next() << 8 | in.next(), in.next());
                    }
                }
            }
            chip.intLine();
        }
        if (selected) {
            chip.deselect();
        }
        if (chip.peek(Registers.BSB_COMMON, Registers.VERSIONR) != Registers.VERSION) {
            throw new IllegalStateException("VERSIONR changed to " + chip.peek(Registers.BSB_COMMON, Registers.VERSIONR));
        }
    }

    private static byte[] exchange(W5500 chip, byte[] mosi) {
        byte[] miso = chip.exchange(mosi);
        if (miso == null || miso.length != mosi.length) {
            throw new IllegalStateException("MISO of " + (miso == null ? "null" : miso.length + " bytes") + " for "
                    + mosi.length + " MOSI bytes");
        }
        return miso;
    }

    private static void hostEvent(W5500 chip, Script in) {
        int e = in.next();
        int sn = e & 7;
        byte[] peer = {127, 0, 0, 1};
        switch ((e >> 3) & 7) {
            case 0 -> chip.tcpConnected(sn);
            case 1 -> chip.tcpRefused(sn);
            case 2 -> chip.tcpAccepted(sn, peer, 40000 + sn);
            case 3 -> {
                byte[] d = in.bytes(in.next() << 4); // up to 4 KB: fills the RX buffer quickly
                int taken = chip.tcpData(sn, d, 0, d.length);
                if (taken < 0 || taken > d.length) {
                    throw new IllegalStateException("tcpData took " + taken + " of " + d.length);
                }
            }
            case 4 -> chip.tcpPeerClosed(sn);
            case 5 -> chip.tcpReset(sn);
            case 6 -> chip.udpData(sn, peer, 5000 + sn, in.bytes(in.next()));
            default -> {
                if ((e & 0x80) != 0) {
                    chip.ipConflict();
                } else {
                    chip.icmpUnreachable(peer, 1883);
                }
            }
        }
    }

    private static void checkEvent(ChipEvent ev) {
        if (ev instanceof ChipEvent.SpiFrame f) {
            int fixed = f.om() == 0 ? Integer.MAX_VALUE : f.om() == 3 ? 4 : f.om();
            if (f.data() == null || f.data().length > fixed) {
                throw new IllegalStateException("SpiFrame with " + (f.data() == null ? "null" : f.data().length)
                        + " data bytes in mode OM=" + f.om());
            }
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The input as a stream of unsigned bytes; reads past the end give 0 and end the script. */
    static final class Script {
        private final byte[] data;
        private int pos;

        Script(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return pos < data.length;
        }

        int next() {
            return pos < data.length ? data[pos++] & 0xFF : 0;
        }

        byte[] bytes(int n) {
            int m = Math.min(n, data.length - pos);
            byte[] b = Arrays.copyOfRange(data, pos, pos + m);
            pos += m;
            return b;
        }
    }
}
