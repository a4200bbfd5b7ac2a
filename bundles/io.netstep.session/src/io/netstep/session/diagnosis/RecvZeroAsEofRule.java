package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * F2 recv-zero-as-eof: the firmware found the chip empty (Sn_RX_RSR = 0) while it still
 * expected TLS bytes — in the middle of a record or of the handshake — and closed at once
 * instead of waiting: its receive callback returned 0 ("no data yet"), which the TLS library
 * takes for end of stream.
 */
final class RecvZeroAsEofRule implements Rule {

    /** A firmware that waits polls Sn_RX_RSR again and again; one that gave up does not. */
    private static final int MAX_POLLS_OF_A_GIVE_UP = 4;
    private static final long MAX_GAP_NANOS = 50_000_000L;

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (k.firmwareClose == null || k.established == null || !k.isTls()) {
                continue;
            }
            long closeSeq = k.firmwareClose.seq();
            if (k.hostClosed != null && k.hostClosed.seq() < closeSeq) {
                continue; // a real end of stream came first
            }
            long readTo = k.consumed.length();
            TlsRecords in = k.inbound();
            TlsRecords.Record partial = in.recordAt(readTo - 1);
            boolean midRecord = partial != null && readTo < partial.end() && readTo > partial.offset();
            boolean inHandshake = in.records.stream().noneMatch(r -> r.type() == TlsRecords.CHANGE_CIPHER_SPEC
                    && r.end() <= readTo);
            if (!midRecord && !inHandshake) {
                continue;
            }
            if (midRecord && readTo == partial.offset() + 5 && k.arrived.lengthAt(closeSeq) > readTo) {
                continue; // header read while the body waited: F3
            }
            Connection.Poll lastPoll = RecordTooLargeRule.lastPollBefore(k, closeSeq);
            if (lastPoll == null || lastPoll.value() != 0) {
                continue;
            }
            long lastActivity = Math.max(k.lastRead() == null ? 0 : k.lastRead().seq(),
                    k.sent.last() == null ? 0 : k.sent.last().seq());
            long lastActivityTime = Math.max(k.lastRead() == null ? 0 : k.lastRead().time(),
                    k.sent.last() == null ? 0 : k.sent.last().time());
            long zeroPolls = k.polls.stream().filter(p -> p.seq() > lastActivity && p.seq() < closeSeq).count();
            long gap = k.firmwareClose.virtualNanos() - lastActivityTime;
            if (zeroPolls > MAX_POLLS_OF_A_GIVE_UP || gap > MAX_GAP_NANOS) {
                continue; // it waited: a timeout of its own, not a 0 taken for EOF
            }
            List<Evidence> ev = new ArrayList<>();
            if (k.lastRead() != null) {
                ByteStream.Chunk r = k.lastRead();
                ev.add(new Evidence(r.seq(), r.time(), "the firmware's last read of the RX buffer: " + r.bytes().length
                        + " bytes, " + readTo + " bytes of the broker's stream in all"));
            }
            if (k.sent.last() != null) {
                ByteStream.Chunk s = k.sent.last();
                ev.add(new Evidence(s.seq(), s.time(), "the firmware's last send: " + s.bytes().length + " bytes"));
            }
            ev.add(new Evidence(lastPoll.seq(), lastPoll.time(), "Sn_RX_RSR = 0 (" + zeroPolls
                    + " poll(s) of Sn_RX_RSR since, all 0): nothing had arrived yet"));
            ev.add(new Evidence(k.firmwareClose.seq(), k.firmwareClose.virtualNanos(), "the firmware closed socket "
                    + k.socket + " " + SessionTrace.seconds(gap) + " later, while "
                    + (midRecord ? "in the middle of a record" : "the TLS handshake was still going on")));
            long late = k.arrived.length() - k.arrived.lengthAt(closeSeq);
            String record;
            if (midRecord) {
                long had = readTo - partial.offset();
                record = "a " + RecordTooLargeRule.typeName(partial.type()) + " record of " + partial.length()
                        + " bytes (+5 header) at stream offset " + partial.offset() + ", of which " + had
                        + " bytes had been read";
                ByteStream.Chunk h = k.arrived.chunkAt(partial.offset());
                ev.add(new Evidence(h.seq(), h.time(), "that record's header: type " + partial.type() + ", length "
                        + partial.length()));
            } else {
                record = "the broker's next handshake flight (" + readTo + " bytes of the broker's stream read so far)";
            }
            if (late > 0) {
                ByteStream.Chunk c = k.arrived.chunkAt(k.arrived.lengthAt(closeSeq));
                ev.add(new Evidence(c.seq(), c.time(), late + " more bytes from the broker reached the chip after "
                        + "the close: the data was only in flight"));
            }
            out.add(new Diagnosis("F2", "recv-zero-as-eof",
                    "the TLS receive callback reported end of stream while waiting for " + (midRecord ? "the rest of a record" : "the broker"),
                    Confidence.LIKELY,
                    "the firmware closed within " + SessionTrace.seconds(gap) + " of finding Sn_RX_RSR = 0, while it "
                            + "still needed " + record + "; the TLS code itself (its error code) is not visible on the chip",
                    "The firmware was waiting for " + record + ". The chip had nothing yet (Sn_RX_RSR = 0) and the "
                            + "firmware gave up at once. ioLibrary's non-blocking recv() returns SOCK_BUSY (0) "
                            + "when no data has arrived; passed through, that 0 means end of stream to the TLS "
                            + "library (mbedTLS: -0x7280 \"connection indicated an EOF\", or -0x7200 mid-record).",
                    ev,
                    "In the TLS receive callback return MBEDTLS_ERR_SSL_WANT_READ (wolfSSL: "
                            + "WOLFSSL_CBIO_ERR_WANT_READ) when recv() gives SOCK_BUSY/0 while the socket is "
                            + "SOCK_ESTABLISHED, and MBEDTLS_ERR_SSL_WANT_WRITE (WOLFSSL_CBIO_ERR_WANT_WRITE) "
                            + "from the send callback; return 0 only when the socket really closed (Sn_SR "
                            + "SOCK_CLOSE_WAIT / SOCK_CLOSED). Then call mbedtls_ssl_handshake() / "
                            + "mbedtls_ssl_read() again.",
                    List.of()));
        }
        return out;
    }
}
