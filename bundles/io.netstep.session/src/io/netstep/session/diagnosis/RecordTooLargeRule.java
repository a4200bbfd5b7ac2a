package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * F3 record-too-large: the firmware read a record's 5-byte header, the body waited on the
 * chip, and the firmware closed instead of reading it — what a TLS library does when the
 * announced length does not fit its input buffer.
 */
final class RecordTooLargeRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            ByteStream.Chunk last = k.lastRead();
            if (k.firmwareClose == null || last == null || !k.isTls()) {
                continue;
            }
            long readTo = k.consumed.length();
            TlsRecords.Record r = k.inbound().recordAt(readTo - 1);
            if (r == null || readTo != r.offset() + 5) {
                continue;
            }
            long onChip = k.arrived.lengthAt(k.firmwareClose.seq()) - readTo;
            if (onChip <= 0) {
                continue; // the body was not there: F2's picture, not this one
            }
            List<Evidence> ev = new ArrayList<>();
            ByteStream.Chunk header = k.arrived.chunkAt(r.offset());
            ev.add(new Evidence(header.seq(), header.time(), "record header from the broker at stream offset "
                    + r.offset() + ": type " + r.type() + " (" + typeName(r.type()) + "), version "
                    + Connection.hex(r.version(), 4) + ", length " + r.length() + " bytes"));
            ev.add(new Evidence(last.seq(), last.time(), "the firmware read the RX buffer up to that header ("
                    + readTo + " bytes in all): the header, none of the " + r.length() + "-byte body"));
            Connection.Poll p = lastPollBefore(k, k.firmwareClose.seq());
            if (p != null && p.value() > 0) {
                ev.add(new Evidence(p.seq(), p.time(), "Sn_RX_RSR = " + p.value() + ": the body was waiting on the chip"));
            }
            ev.add(new Evidence(k.firmwareClose.seq(), k.firmwareClose.virtualNanos(), "the firmware closed socket "
                    + k.socket + " (" + onChip + " bytes left unread on the chip)"));
            // mbedTLS input buffers are at least 512 bytes of content; below that the pattern is unlikely to be F3
            boolean big = r.length() > 512;
            out.add(new Diagnosis("F3", "record-too-large",
                    "a " + r.length() + "-byte TLS record did not fit the firmware's TLS input buffer",
                    big ? Confidence.LIKELY : Confidence.POSSIBLE,
                    big ? "the firmware stopped exactly after the header of a record announcing " + r.length()
                            + " bytes while its body waited on the chip; that is the TLS library refusing the length"
                            : "the firmware stopped after a record header, but the record is small (" + r.length()
                            + " bytes): no TLS input buffer is that small, so another error after the header is as likely",
                    "The broker's " + (r.type() == TlsRecords.HANDSHAKE ? "handshake record (typically its "
                            + "Certificate chain)" : "record") + " is " + r.length() + " bytes. The firmware read its "
                            + "header and gave up without reading the body: mbedTLS 2.28 reports this as -0x7100 "
                            + "(\"requesting more data than fits\"), older 2.x and other cases as -0x7200 "
                            + "(\"bad message length\").",
                    ev,
                    "Raise the TLS input buffer to at least " + r.length() + " bytes of content (16384 to be safe): "
                            + "mbedTLS MBEDTLS_SSL_IN_CONTENT_LEN (or MBEDTLS_SSL_MAX_CONTENT_LEN) in mbedtls_config.h "
                            + "/ config.h — it costs that much RAM per connection. max_fragment_length "
                            + "(mbedtls_ssl_conf_max_frag_len) does not help when the server does not negotiate it "
                            + "(AWS IoT does not). wolfSSL grows its input buffer by itself.",
                    big ? List.of() : List.of("F2 recv-zero-as-eof: against, the body had arrived before the close")));
        }
        return out;
    }

    static Connection.Poll lastPollBefore(Connection k, long seq) {
        Connection.Poll last = null;
        for (Connection.Poll p : k.polls) {
            if (p.seq() < seq) {
                last = p;
            }
        }
        return last;
    }

    static String typeName(int type) {
        return switch (type) {
            case TlsRecords.CHANGE_CIPHER_SPEC -> "change_cipher_spec";
            case TlsRecords.ALERT -> "alert";
            case TlsRecords.HANDSHAKE -> "handshake";
            case TlsRecords.APPLICATION_DATA -> "application_data";
            default -> "type " + type;
        };
    }
}
