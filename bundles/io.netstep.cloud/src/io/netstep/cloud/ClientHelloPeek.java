package io.netstep.cloud;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the device's TLS ClientHello off the raw socket before the TLS engine sees it, to learn
 * the server_name (RFC 6066 section 3) the way the AWS front end does. Everything read is kept so
 * that it can be handed to the TLS engine afterwards. Handles a ClientHello split over several
 * records (up to {@value #MAX_HELLO} bytes).
 */
final class ClientHelloPeek {

    static final int MAX_HELLO = 64 * 1024;

    /**
     * @param bytes    every byte read (to replay into the TLS engine)
     * @param tls      whether they start like a TLS handshake record
     * @param complete whether a whole ClientHello was read
     * @param sni      the host_name of the server_name extension, or null when the extension is absent
     * @param problem  why the ClientHello could not be read, or null
     */
    record Result(byte[] bytes, boolean tls, boolean complete, String sni, String problem) { }

    private ClientHelloPeek() { }

    static Result read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        int helloLen = -1;
        while (helloLen < 0 || hs.size() < 4 + helloLen) {
            byte[] header = readFully(in, 5, raw);
            if (header == null) return new Result(raw.toByteArray(), raw.size() == 0 || (raw.toByteArray()[0] & 0xFF) == 22,
                    false, null, "the connection ended inside the ClientHello");
            if ((header[0] & 0xFF) != 22 || (header[1] & 0xFF) != 3)
                return new Result(raw.toByteArray(), false, false, null,
                        String.format("the first record is not a TLS handshake (bytes %02x %02x %02x)", header[0], header[1], header[2]));
            int len = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            byte[] body = readFully(in, len, raw);
            if (body == null) return new Result(raw.toByteArray(), true, false, null, "the connection ended inside the ClientHello");
            hs.write(body, 0, body.length);
            if (helloLen < 0 && hs.size() >= 4) {
                byte[] h = hs.toByteArray();
                if ((h[0] & 0xFF) != 1) return new Result(raw.toByteArray(), true, false, null,
                        "the first handshake message is type " + (h[0] & 0xFF) + ", not ClientHello (1)");
                helloLen = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
                if (helloLen > MAX_HELLO) return new Result(raw.toByteArray(), true, false, null,
                        "ClientHello of " + helloLen + " bytes is larger than " + MAX_HELLO);
            }
        }
        byte[] h = hs.toByteArray();
        try {
            return new Result(raw.toByteArray(), true, true, serverName(h, 4, 4 + helloLen), null);
        } catch (IndexOutOfBoundsException e) {
            return new Result(raw.toByteArray(), true, true, null, "the ClientHello is malformed (a length runs past its end)");
        }
    }

    /** The host_name in the ClientHello body {@code b[from, to)}, or null when there is no server_name extension. */
    static String serverName(byte[] b, int from, int to) {
        int p = from + 2 + 32;                       // legacy_version, random
        p += 1 + u8(b, p, to);                       // legacy_session_id
        p += 2 + u16(b, p, to);                      // cipher_suites
        p += 1 + u8(b, p, to);                       // legacy_compression_methods
        if (p >= to) return null;                    // no extensions at all
        int end = p + 2 + u16(b, p, to);
        if (end > to) throw new IndexOutOfBoundsException("extensions");
        p += 2;
        while (p + 4 <= end) {
            int type = u16(b, p, end);
            int len = u16(b, p + 2, end);
            int body = p + 4;
            if (body + len > end) throw new IndexOutOfBoundsException("extension");
            if (type == 0) {
                int q = body + 2;                    // server_name_list length
                int listEnd = Math.min(body + len, q + u16(b, body, end));
                while (q + 3 <= listEnd) {
                    int nameType = u8(b, q, listEnd);
                    int nameLen = u16(b, q + 1, listEnd);
                    if (q + 3 + nameLen > listEnd) throw new IndexOutOfBoundsException("server_name");
                    if (nameType == 0) return new String(b, q + 3, nameLen, StandardCharsets.US_ASCII);
                    q += 3 + nameLen;
                }
                return null;
            }
            p = body + len;
        }
        return null;
    }

    private static int u8(byte[] b, int p, int limit) {
        if (p >= limit) throw new IndexOutOfBoundsException(p);
        return b[p] & 0xFF;
    }

    private static int u16(byte[] b, int p, int limit) {
        if (p + 1 >= limit) throw new IndexOutOfBoundsException(p);
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static byte[] readFully(InputStream in, int n, ByteArrayOutputStream raw) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) {
                raw.write(buf, 0, got);
                return null;
            }
            got += r;
        }
        raw.write(buf, 0, n);
        return buf;
    }
}
