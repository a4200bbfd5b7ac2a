package io.netstep.session.capture;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic pcap (either byte order, micro- or nanosecond time stamps) or a pcapng file
 * (SHB, IDB, EPB, SPB and the obsolete PB, in either byte order, several sections; Decryption
 * Secrets Blocks of type TLS key log give the key log lines) into a {@link Capture}: TCP
 * connections reassembled per direction, UDP datagrams, key log, problems.
 *
 * <p>A file that is neither format is refused with a {@link CaptureFormatException} saying
 * so. A damaged file (cut short, impossible lengths) is read up to the damage, which is
 * reported in {@link Capture#problems()}. Memory per packet is bounded by {@link #MAX_PACKET}
 * and per block by {@link #MAX_BLOCK}; no exception other than {@link IOException} leaves
 * (and {@link Progress.Cancelled} from the overloads that take a {@link Progress}).
 */
public final class CaptureReader {

    /** Largest packet kept (the usual snap length of tcpdump/dumpcap). */
    public static final int MAX_PACKET = 262_144;
    /** Largest pcapng block read; a larger length means the file is damaged. */
    public static final int MAX_BLOCK = 16 << 20;
    private static final int MAX_PROBLEMS = 200;

    private static final int PCAP_US = 0xA1B2C3D4;
    private static final int PCAP_NS = 0xA1B23C4D;

    /** Not a capture at all (or one this reader cannot start on). */
    public static final class CaptureFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        CaptureFormatException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final String name;
    private final PacketDecoder decoder = new PacketDecoder();
    private final List<String> problems = new ArrayList<>();
    private final List<String> keyLog = new ArrayList<>();
    private long offset;
    private int packets;
    private String format;

    private CaptureReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    public static Capture read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads {@code file} reporting the bytes read to {@code progress} ({@code base + read} of
     * {@code total}), which is asked for cancellation on every 64 KiB read.
     *
     * @throws Progress.Cancelled when {@code progress} was cancelled; nothing is returned
     */
    public static Capture read(Path file, Progress progress, long base, long total) throws IOException {
        try (InputStream in = new BufferedInputStream(new ProgressInputStream(Files.newInputStream(file), progress,
                base, total, "Reading " + file.getFileName()), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /** {@link #read(Path, Progress, long, long)} with the file's size as the total. */
    public static Capture read(Path file, Progress progress) throws IOException {
        return read(file, progress, 0, Files.size(file));
    }

    public static Capture read(byte[] data) throws IOException {
        return read(new ByteArrayInputStream(data), "the input");
    }

    public static Capture read(InputStream in, String name) throws IOException {
        CaptureReader r = new CaptureReader(in, name);
        r.readAll();
        List<String> all = new ArrayList<>(r.problems);
        all.addAll(r.decoder.notes());
        return new Capture(r.format, r.packets, r.decoder.tcp.finish(), List.copyOf(r.decoder.udp),
                List.copyOf(r.keyLog), List.copyOf(all));
    }

    private void readAll() throws IOException {
        byte[] magic = readUpTo(4);
        if (magic.length < 4) {
            throw new CaptureFormatException(name + " is not a pcap or pcapng capture: only " + magic.length
                    + " byte(s) long");
        }
        int be = ByteBuffer.wrap(magic).getInt();
        int le = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (be == PcapngWriter.SHB) {
            pcapng(magic);
        } else if (be == PCAP_US || be == PCAP_NS) {
            pcap(ByteOrder.BIG_ENDIAN, be == PCAP_NS);
        } else if (le == PCAP_US || le == PCAP_NS) {
            pcap(ByteOrder.LITTLE_ENDIAN, le == PCAP_NS);
        } else {
            throw new CaptureFormatException(name + " is not a pcap or pcapng capture (it starts with "
                    + String.format("%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3])
                    + "; a pcap starts with a1b2c3d4 or d4c3b2a1, a pcapng with 0a0d0d0a)");
        }
    }

    // ------------------------------------------------------------------ classic pcap

    private void pcap(ByteOrder order, boolean nanos) throws IOException {
        byte[] rest = readUpTo(20);
        if (rest.length < 20) {
            throw new CaptureFormatException(name + ": pcap file header cut short");
        }
        ByteBuffer h = ByteBuffer.wrap(rest).order(order);
        int major = h.getShort() & 0xFFFF;
        int minor = h.getShort() & 0xFFFF;
        h.getInt();             // thiszone: always 0 in practice
        h.getInt();             // sigfigs
        long snaplen = h.getInt() & 0xFFFFFFFFL;
        int linkType = h.getInt() & 0xFFFF;
        format = "pcap " + major + "." + minor + " (" + (order == ByteOrder.BIG_ENDIAN ? "big" : "little")
                + "-endian, " + (nanos ? "nanosecond" : "microsecond") + " time stamps, link type " + linkType + ")";
        if (major != 2) {
            problem("pcap version " + major + "." + minor + " (expected 2.4): read as 2.4");
        }
        while (true) {
            long at = offset;
            byte[] rh = readUpTo(16);
            if (rh.length == 0) {
                return;
            }
            if (rh.length < 16) {
                problem("packet record header at offset " + at + " cut short: the file ends there");
                return;
            }
            ByteBuffer r = ByteBuffer.wrap(rh).order(order);
            long sec = r.getInt() & 0xFFFFFFFFL;
            long frac = r.getInt() & 0xFFFFFFFFL;
            long incl = r.getInt() & 0xFFFFFFFFL;
            long orig = r.getInt() & 0xFFFFFFFFL;
            if (incl > MAX_PACKET) {
                problem("packet record at offset " + at + " claims " + incl + " captured bytes (snap length "
                        + snaplen + "): the file is damaged from here on");
                return;
            }
            byte[] data = readUpTo((int) incl);
            if (data.length < incl) {
                problem("packet at offset " + at + " cut short (" + data.length + " of " + incl
                        + " bytes): the file ends there");
                return;
            }
            packets++;
            long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            decoder.packet(linkType, t, data, (int) Math.min(orig, Integer.MAX_VALUE));
        }
    }

    // ------------------------------------------------------------------ pcapng

    private static final class Iface {
        int linkType;
        long snaplen;
        int tsresol = 6;
        long tsoffset;
    }

    private void pcapng(byte[] magic) throws IOException {
        format = "pcapng";
        List<Iface> ifaces = new ArrayList<>();
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        byte[] type = magic;
        boolean first = true;
        while (true) {
            long at = offset - 4;
            if (type == null) {
                at = offset;
                type = readUpTo(4);
                if (type.length == 0) {
                    return;
                }
                if (type.length < 4) {
                    problem("block header at offset " + at + " cut short: the file ends there");
                    return;
                }
            }
            byte[] head = readUpTo(4);
            if (head.length < 4) {
                problem("block at offset " + at + " cut short: the file ends there");
                return;
            }
            int blockType = ByteBuffer.wrap(type).order(order).getInt();
            if (ByteBuffer.wrap(type).getInt() == PcapngWriter.SHB) {
                byte[] bom = readUpTo(4);
                if (bom.length < 4) {
                    fail(first, "section header at offset " + at + " cut short");
                    return;
                }
                int b = ByteBuffer.wrap(bom).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (b == PcapngWriter.BYTE_ORDER_MAGIC) {
                    order = ByteOrder.LITTLE_ENDIAN;
                } else if (Integer.reverseBytes(b) == PcapngWriter.BYTE_ORDER_MAGIC) {
                    order = ByteOrder.BIG_ENDIAN;
                } else {
                    fail(first, "section header at offset " + at + " has no byte-order magic 1a2b3c4d");
                    return;
                }
                long len = ByteBuffer.wrap(head).order(order).getInt() & 0xFFFFFFFFL;
                byte[] body = body(at, len, 28, 4, first);
                if (body == null) {
                    return;
                }
                if (first) {
                    format = "pcapng (" + (order == ByteOrder.BIG_ENDIAN ? "big" : "little") + "-endian)";
                }
                first = false;
                ifaces.clear();     // interface ids count per section
            } else {
                long len = ByteBuffer.wrap(head).order(order).getInt() & 0xFFFFFFFFL;
                byte[] body = body(at, len, 12, 0, false);
                if (body == null) {
                    return;
                }
                block(blockType, ByteBuffer.wrap(body).order(order), ifaces, at);
            }
            type = null;
        }
    }

    /**
     * Reads the rest of a block of total length {@code len} of which {@code already} bytes
     * after the 8-byte header are consumed; returns the body without the trailing length, or
     * null (after reporting) when the file cannot be read on.
     */
    private byte[] body(long at, long len, int min, int already, boolean first) throws IOException {
        if (len < min || len % 4 != 0 || len > MAX_BLOCK) {
            fail(first, "block at offset " + at + " has an impossible length " + len
                    + (len > MAX_BLOCK ? " (more than " + MAX_BLOCK + ")" : "") + ": the file is damaged from here on");
            return null;
        }
        int n = (int) len - 8 - already;
        byte[] rest = readUpTo(n);
        if (rest.length < n) {
            fail(first, "block at offset " + at + " cut short (" + (rest.length + 8 + already) + " of " + len
                    + " bytes): the file ends there");
            return null;
        }
        int trailer = rest.length - 4;
        long tail = (rest[trailer] & 0xFFL) | (rest[trailer + 1] & 0xFFL) << 8
                | (rest[trailer + 2] & 0xFFL) << 16 | (rest[trailer + 3] & 0xFFL) << 24;
        long tailBe = Integer.reverseBytes((int) tail) & 0xFFFFFFFFL;
        if (tail != len && tailBe != len) {
            fail(first, "block at offset " + at + ": its trailing length differs from its leading one ("
                    + len + "): the file is damaged from here on");
            return null;
        }
        return java.util.Arrays.copyOf(rest, trailer);
    }

    private void fail(boolean first, String what) throws CaptureFormatException {
        if (first) {
            throw new CaptureFormatException(name + " starts like a pcapng file but " + what);
        }
        problem(what);
    }

    private void block(int type, ByteBuffer b, List<Iface> ifaces, long at) {
        try {
            switch (type) {
                case PcapngWriter.IDB -> {
                    Iface i = new Iface();
                    i.linkType = b.getShort() & 0xFFFF;
                    b.getShort();
                    i.snaplen = b.getInt() & 0xFFFFFFFFL;
                    options(b, (code, v) -> {
                        if (code == 9 && v.remaining() >= 1) {
                            i.tsresol = v.get() & 0xFF;
                        } else if (code == 14 && v.remaining() >= 8) {
                            i.tsoffset = v.getLong();
                        }
                    });
                    ifaces.add(i);
                }
                case PcapngWriter.EPB -> {
                    int id = b.getInt();
                    long ts = (b.getInt() & 0xFFFFFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
                    long cap = b.getInt() & 0xFFFFFFFFL;
                    long orig = b.getInt() & 0xFFFFFFFFL;
                    packet(ifaces, id, ts, cap, orig, b, at);
                }
                case 0x00000002 -> {        // obsolete Packet Block
                    int id = b.getShort() & 0xFFFF;
                    b.getShort();
                    long ts = (b.getInt() & 0xFFFFFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
                    long cap = b.getInt() & 0xFFFFFFFFL;
                    long orig = b.getInt() & 0xFFFFFFFFL;
                    packet(ifaces, id, ts, cap, orig, b, at);
                }
                case 0x00000003 -> {        // Simple Packet Block: interface 0, no time stamp
                    long orig = b.getInt() & 0xFFFFFFFFL;
                    long cap = Math.min(orig, b.remaining());
                    if (!ifaces.isEmpty() && ifaces.get(0).snaplen > 0) {
                        cap = Math.min(cap, ifaces.get(0).snaplen);
                    }
                    packet(ifaces, 0, -1, cap, orig, b, at);
                }
                case PcapngWriter.DSB -> {
                    int secretsType = b.getInt();
                    long len = b.getInt() & 0xFFFFFFFFL;
                    if (len > b.remaining()) {
                        problem("decryption secrets block at offset " + at + " claims more secrets than it holds");
                        return;
                    }
                    if (secretsType != PcapngWriter.SECRETS_TLS_KEYLOG) {
                        problem(String.format("decryption secrets of type 0x%08x at offset %d skipped (only TLS key "
                                + "logs are read)", secretsType, at));
                        return;
                    }
                    byte[] s = new byte[(int) len];
                    b.get(s);
                    for (String line : new String(s, StandardCharsets.UTF_8).split("\r?\n")) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            keyLog.add(line.strip());
                        }
                    }
                }
                default -> { }      // name resolution, statistics, custom blocks: not needed
            }
        } catch (java.nio.BufferUnderflowException e) {
            problem(String.format("block of type 0x%08x at offset %d is shorter than its fields: skipped", type, at));
        }
    }

    private void packet(List<Iface> ifaces, int id, long ts, long cap, long orig, ByteBuffer b, long at) {
        if (id < 0 || id >= ifaces.size()) {
            problem("packet at offset " + at + " names interface " + (id & 0xFFFFFFFFL) + ", which was not described: skipped");
            return;
        }
        if (cap > b.remaining()) {
            problem("packet at offset " + at + " claims " + cap + " captured bytes but its block holds "
                    + b.remaining() + ": skipped");
            return;
        }
        if (cap > MAX_PACKET) {
            problem("packet at offset " + at + " of " + cap + " bytes is larger than " + MAX_PACKET + ": skipped");
            return;
        }
        byte[] data = new byte[(int) cap];
        b.get(data);
        Iface i = ifaces.get(id);
        packets++;
        decoder.packet(i.linkType, ts < 0 ? 0 : nanos(ts, i), data, (int) Math.min(orig, Integer.MAX_VALUE));
    }

    /** Time stamp units (if_tsresol: 10^-n, or 2^-n with the top bit) plus if_tsoffset, to epoch nanoseconds. */
    static long nanos(long ts, Iface i) {
        long base = i.tsoffset * 1_000_000_000L;
        int r = i.tsresol;
        if ((r & 0x80) != 0) {
            BigInteger n = new BigInteger(Long.toUnsignedString(ts)).multiply(BigInteger.valueOf(1_000_000_000L))
                    .shiftRight(r & 0x7F);
            return base + n.longValue();
        }
        if (r <= 9) {
            long f = 1;
            for (int k = r; k < 9; k++) {
                f *= 10;
            }
            return base + ts * f;
        }
        long d = 1;
        for (int k = 9; k < r && d < Long.MAX_VALUE / 10; k++) {
            d *= 10;
        }
        return base + Long.divideUnsigned(ts, d);
    }

    private interface OptionSink {
        void option(int code, ByteBuffer value);
    }

    private static void options(ByteBuffer b, OptionSink sink) {
        while (b.remaining() >= 4) {
            int code = b.getShort() & 0xFFFF;
            int len = b.getShort() & 0xFFFF;
            if (code == 0 || len > b.remaining()) {
                return;
            }
            ByteBuffer v = b.slice().order(b.order());
            v.limit(len);
            sink.option(code, v);
            b.position(b.position() + Math.min(b.remaining(), PcapngWriter.pad(len)));
        }
    }

    // ------------------------------------------------------------------ input

    private byte[] readUpTo(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        return b;
    }

    private void problem(String s) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(s);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("further problems not listed");
        }
    }
}
