package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS records (RFC 8446 §5.1 / RFC 5246 §6.2) found in one direction of a connection, and
 * the handshake messages of its plaintext part (before ChangeCipherSpec). Only what the
 * rules need; the full decoder is the io.netstep.tls bundle.
 */
final class TlsRecords {

    static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23;
    static final int CLIENT_HELLO = 1, SERVER_HELLO = 2, CERTIFICATE = 11, CERTIFICATE_REQUEST = 13,
            SERVER_HELLO_DONE = 14;

    /** A record header at {@code offset}; {@code available}: bytes of its body in the stream. */
    record Record(long offset, int type, int version, int length, long available, boolean plaintext) {
        long end() {
            return offset + 5 + length;
        }

        boolean complete() {
            return available >= length;
        }
    }

    /** A plaintext handshake message; {@code recordOffset} is where its first record starts. */
    record Message(int type, long recordOffset, byte[] body) { }

    /** A plaintext alert. */
    record Alert(long recordOffset, int level, int description) { }

    final List<Record> records = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    /** False when the stream does not start with something shaped like a TLS record. */
    final boolean looksLikeTls;

    TlsRecords(byte[] s) {
        boolean encrypted = false;
        java.io.ByteArrayOutputStream hs = new java.io.ByteArrayOutputStream();
        long hsStart = -1;
        int pos = 0;
        boolean ok = true;
        while (pos + 5 <= s.length) {
            int type = s[pos] & 0xFF;
            int version = ((s[pos + 1] & 0xFF) << 8) | (s[pos + 2] & 0xFF);
            int length = ((s[pos + 3] & 0xFF) << 8) | (s[pos + 4] & 0xFF);
            if (type < 20 || type > 24 || (version >> 8) != 3) {
                ok = records.size() > 0;
                break;
            }
            int avail = Math.min(length, s.length - pos - 5);
            records.add(new Record(pos, type, version, length, avail, !encrypted));
            if (avail == length && !encrypted) {
                if (type == HANDSHAKE) {
                    if (hsStart < 0) {
                        hsStart = pos;
                    }
                    hs.write(s, pos + 5, length);
                    hsStart = takeMessages(hs, hsStart, pos);
                } else if (type == ALERT && length == 2) {
                    alerts.add(new Alert(pos, s[pos + 5] & 0xFF, s[pos + 6] & 0xFF));
                }
            }
            if (type == CHANGE_CIPHER_SPEC) {
                encrypted = true;
            }
            pos += 5 + length;
        }
        looksLikeTls = ok && !records.isEmpty();
    }

    /** Moves whole handshake messages out of {@code hs}; returns the start of the record holding the rest. */
    private long takeMessages(java.io.ByteArrayOutputStream hs, long hsStart, long recordPos) {
        byte[] b = hs.toByteArray();
        int p = 0;
        while (p + 4 <= b.length) {
            int len = ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            if (p + 4 + len > b.length) {
                break;
            }
            messages.add(new Message(b[p] & 0xFF, hsStart, java.util.Arrays.copyOfRange(b, p + 4, p + 4 + len)));
            p += 4 + len;
            hsStart = recordPos;
        }
        hs.reset();
        hs.write(b, p, b.length - p);
        return hs.size() == 0 ? -1 : hsStart;
    }

    Message first(int type) {
        return messages.stream().filter(m -> m.type() == type).findFirst().orElse(null);
    }

    /** The record holding stream byte {@code offset}, or null. */
    Record recordAt(long offset) {
        for (Record r : records) {
            if (offset >= r.offset() && offset < r.end()) {
                return r;
            }
        }
        return null;
    }

    /** The ClientHello fields the rules look at. */
    record Hello(int legacyVersion, List<Integer> cipherSuites, List<Integer> extensions, String serverName) { }

    static Hello parseClientHello(byte[] b) {
        try {
            int p = 2 + 32;
            int version = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            p += 1 + (b[p] & 0xFF);
            int csLen = u16(b, p);
            p += 2;
            List<Integer> suites = new ArrayList<>();
            for (int i = 0; i < csLen; i += 2) {
                suites.add(u16(b, p + i));
            }
            p += csLen;
            p += 1 + (b[p] & 0xFF);
            List<Integer> exts = new ArrayList<>();
            String sni = null;
            if (p + 2 <= b.length) {
                int end = p + 2 + u16(b, p);
                p += 2;
                while (p + 4 <= end) {
                    int type = u16(b, p);
                    int len = u16(b, p + 2);
                    exts.add(type);
                    if (type == 0 && len > 5) {
                        int nameLen = u16(b, p + 7);
                        sni = new String(b, p + 9, nameLen, java.nio.charset.StandardCharsets.US_ASCII);
                    }
                    p += 4 + len;
                }
            }
            return new Hello(version, suites, exts, sni);
        } catch (ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** ServerHello cipher_suite, or -1. */
    static int serverHelloSuite(byte[] b) {
        try {
            int p = 2 + 32;
            p += 1 + (b[p] & 0xFF);
            return u16(b, p);
        } catch (ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** Number of certificates in a TLS 1.2 Certificate message body (a 3-byte list length first). */
    static int certificateCount(byte[] b) {
        if (b.length < 3) {
            return -1;
        }
        int total = ((b[0] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
        int p = 3;
        int n = 0;
        while (p + 3 <= 3 + total && p + 3 <= b.length) {
            int len = ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
            p += 3 + len;
            n++;
        }
        return n;
    }

    /** The DER certificates of a TLS 1.2 Certificate message body. */
    static List<byte[]> certificates(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int p = 3;
        while (p + 3 <= b.length) {
            int len = ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
            if (p + 3 + len > b.length) {
                break;
            }
            out.add(java.util.Arrays.copyOfRange(b, p + 3, p + 3 + len));
            p += 3 + len;
        }
        return out;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }
}
