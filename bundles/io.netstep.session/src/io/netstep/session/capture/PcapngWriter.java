package io.netstep.session.capture;

import io.netstep.session.EventLog;
import io.netstep.session.KeyLog;
import io.netstep.session.LogEntry;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports a session as pcapng (draft-ietf-opsawg-pcapng): one Section Header Block, one
 * Interface Description Block (LINKTYPE_ETHERNET, microsecond time stamps), a Decryption
 * Secrets Block with the TLS key log (secrets type {@code TLSK}) when there is one — before
 * every packet, so Wireshark decrypts without a key log file — then one Enhanced Packet Block
 * per synthesised frame ({@link WireSynthesizer}), each with a comment naming the event log
 * entry it comes from ({@code netstep seq=N}). Time stamps are the wall time of the event.
 */
public final class PcapngWriter {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int EPB = 0x00000006;
    static final int DSB = 0x0000000A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SECRETS_TLS_KEYLOG = 0x544c534b;
    static final int LINKTYPE_ETHERNET = 1;

    private PcapngWriter() { }

    /** What an export wrote. */
    public record Result(int packets, int keyLogLines) { }

    public static Result write(EventLog log, KeyLog keyLog, Path file) throws IOException {
        return write(log.snapshot(), keyLog.lines(), file);
    }

    public static Result write(List<LogEntry> entries, List<String> keyLogLines, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(entries, keyLogLines, out);
        }
    }

    public static Result write(List<LogEntry> entries, List<String> keyLogLines, OutputStream out) throws IOException {
        out.write(sectionHeader());
        out.write(interfaceDescription());
        if (!keyLogLines.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String l : keyLogLines) {
                b.append(l.strip()).append('\n');
            }
            out.write(decryptionSecrets(b.toString().getBytes(StandardCharsets.US_ASCII)));
        }
        int[] count = {0};
        new WireSynthesizer(f -> {
            out.write(enhancedPacket(f));
            count[0]++;
        }).run(entries);
        out.flush();
        return new Result(count[0], keyLogLines.size());
    }

    private static byte[] sectionHeader() {
        Options o = new Options();
        o.string(4, "NetStep (synthesised from a virtual W5500 session)");   // shb_userappl
        byte[] opts = o.end();
        ByteBuffer b = block(SHB, 16 + opts.length);
        b.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L).put(opts);
        return close(b);
    }

    private static byte[] interfaceDescription() {
        Options o = new Options();
        o.string(2, "w5500");                                   // if_name
        o.string(3, "virtual W5500 (the firmware's view)");     // if_description
        o.raw(9, new byte[] {6});                               // if_tsresol: microseconds
        byte[] opts = o.end();
        ByteBuffer b = block(IDB, 8 + opts.length);
        b.putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(0).put(opts);
        return close(b);
    }

    private static byte[] decryptionSecrets(byte[] secrets) {
        ByteBuffer b = block(DSB, 8 + pad(secrets.length));
        b.putInt(SECRETS_TLS_KEYLOG).putInt(secrets.length).put(secrets);
        return close(b);
    }

    private static byte[] enhancedPacket(WireSynthesizer.Frame f) {
        Options o = new Options();
        o.string(1, "netstep seq=" + f.seq());                  // opt_comment
        byte[] opts = o.end();
        int len = f.bytes().length;
        ByteBuffer b = block(EPB, 20 + pad(len) + opts.length);
        b.putInt(0).putInt((int) (f.micros() >>> 32)).putInt((int) f.micros()).putInt(len).putInt(len);
        b.put(f.bytes());
        b.position(b.position() + pad(len) - len);
        b.put(opts);
        return close(b);
    }

    /** A block buffer with its type and total length written; the body follows. */
    private static ByteBuffer block(int type, int bodyLength) {
        int total = 12 + bodyLength;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(total);
        return b;
    }

    private static byte[] close(ByteBuffer b) {
        b.position(b.capacity() - 4);
        b.putInt(b.capacity());
        return b.array();
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }

    /** Block options: code, length, value padded to 32 bits, ended by opt_endofopt. */
    private static final class Options {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(int code, String s) {
            raw(code, s.getBytes(StandardCharsets.UTF_8));
        }

        void raw(int code, byte[] v) {
            ByteBuffer b = ByteBuffer.allocate(4 + pad(v.length)).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) code).putShort((short) v.length).put(v);
            out.writeBytes(b.array());
        }

        byte[] end() {
            out.writeBytes(new byte[4]);
            return out.toByteArray();
        }
    }
}
