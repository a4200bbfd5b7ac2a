package io.netstep.session.diagnosis;

import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * F1 stranded-tls-bytes: the firmware read a whole application_data record off the chip,
 * then only polled Sn_RX_RSR (= 0) and never read again, sending nothing more, until it gave
 * up — the bytes it waited for were already inside the TLS library.
 */
final class StrandedTlsBytesRule implements Rule {

    private static final int MIN_POLLS = 10;
    private static final long MIN_WAIT_NANOS = 1_000_000_000L;

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            ByteStream.Chunk read = k.lastRead();
            if (k.established == null || read == null || !k.isTls()) {
                continue;
            }
            long readTo = k.consumed.length();
            TlsRecords in = k.inbound();
            TlsRecords.Record r = in.recordAt(readTo - 1);
            if (r == null || r.type() != TlsRecords.APPLICATION_DATA || r.end() != readTo) {
                continue;
            }
            long endSeq = Math.min(k.endSeq(), t.firmwareExit == null ? Long.MAX_VALUE : t.firmwareExit.seq());
            List<Connection.Poll> after = k.polls.stream().filter(p -> p.seq() > read.seq() && p.seq() < endSeq).toList();
            if (after.size() < MIN_POLLS || after.stream().anyMatch(p -> p.value() != 0)) {
                continue; // more data came and waits unread: F13's picture
            }
            long waited = after.get(after.size() - 1).time() - read.time();
            if (waited < MIN_WAIT_NANOS) {
                continue;
            }
            if (sentApplicationDataAfter(k, read.seq())) {
                continue; // the firmware went on talking: whatever it read was enough
            }
            boolean gaveUp = k.firmwareClose != null && k.firmwareClose.seq() > read.seq()
                    || t.firmwareExit != null && ((SessionEvent.FirmwareExited) t.firmwareExit.event()).status() != 0;
            if (!gaveUp) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            ByteStream.Chunk arrival = k.arrived.chunkAt(r.offset());
            ev.add(new Evidence(arrival.seq(), arrival.time(), "an application_data record of " + r.length()
                    + " bytes (+5 header) from the broker reached the chip, whole"));
            ev.add(new Evidence(read.seq(), read.time(), "the firmware read it off the chip: RX buffer read up to "
                    + readTo + " bytes, the record's end; the chip's RX buffer was empty after it"));
            Connection.Poll first = after.get(0);
            Connection.Poll last = after.get(after.size() - 1);
            ev.add(new Evidence(first.seq(), first.time(), "from here on the firmware polled Sn_RX_RSR " + after.size()
                    + " times over " + SessionTrace.seconds(waited) + ", always 0, and never read the chip again"));
            ev.add(new Evidence(last.seq(), last.time(), "last Sn_RX_RSR poll: 0"));
            if (k.firmwareClose != null && k.firmwareClose.seq() > read.seq()) {
                ev.add(new Evidence(k.firmwareClose.seq(), k.firmwareClose.virtualNanos(), "the firmware closed socket "
                        + k.socket + " without sending anything more at the MQTT level"));
            }
            if (t.firmwareExit != null) {
                SessionEvent.FirmwareExited x = (SessionEvent.FirmwareExited) t.firmwareExit.event();
                ev.add(new Evidence(t.firmwareExit.seq(), t.firmwareExit.virtualNanos(), "the firmware exited with status "
                        + x.status() + (x.killed() ? " (killed)" : "")));
            }
            ProtocolEvent mqtt = mqttIn(t, k, r);
            if (mqtt != null) {
                ev.add(2, new Evidence(Decoded.seq(mqtt), mqtt.virtualNanos(), "decrypted, that record holds a complete MQTT "
                        + mqtt.type() + " (" + mqtt.bytes().length + " bytes: "
                        + java.util.HexFormat.ofDelimiter(" ").formatHex(mqtt.bytes(), 0, Math.min(16, mqtt.bytes().length))
                        + "): " + mqtt.summary()));
            }
            out.add(new Diagnosis("F1", "stranded-tls-bytes",
                    "the firmware waits for bytes that are already inside its TLS library",
                    mqtt != null ? Confidence.CERTAIN : Confidence.LIKELY,
                    mqtt != null ? "the decrypted record holds a whole " + mqtt.type() + ", read off the chip, and the "
                            + "firmware then waited on Sn_RX_RSR alone and gave up"
                            : "the whole record was read off the chip and the firmware then waited on Sn_RX_RSR alone; "
                            + "that the record held the MQTT packet it waited for (e.g. the CONNACK) needs the "
                            + "decrypted record (no TLS key log for this session)",
                    "The broker's " + r.length() + "-byte record arrived whole at " + new Evidence(0, arrival.time(), "").time()
                            + " and was read off the chip at " + new Evidence(0, read.time(), "").time()
                            + ". The TLS library decrypted it into its own buffer and handed the MQTT client only what it "
                            + "asked for (e.g. 1 byte of the packet type). The firmware's read glue checks "
                            + "getSn_RX_RSR() > 0 before calling the TLS read, so the rest of the packet stays "
                            + "inside mbedTLS/wolfSSL: MQTTConnect() returns -1 (or MQTTYield() never delivers) "
                            + "although the broker sent its answer.",
                    ev,
                    "Do not gate the TLS read on the chip's RX size: call mbedtls_ssl_read() (wolfSSL_read()) "
                            + "whenever the socket is SOCK_ESTABLISHED and treat MBEDTLS_ERR_SSL_WANT_READ "
                            + "(WOLFSSL_ERROR_WANT_READ) as \"no data yet\"; if a cheap check is wanted, use "
                            + "mbedtls_ssl_get_bytes_avail() (wolfSSL_pending()) > 0 || getSn_RX_RSR(sn) > 0.",
                    List.of()));
        }
        return out;
    }

    /** The MQTT packet the analysis decrypted from record {@code r}, or null. */
    private static ProtocolEvent mqttIn(SessionTrace t, Connection k, TlsRecords.Record r) {
        if (t.analysis == null) {
            return null;
        }
        for (ProtocolEvent p : t.analysis.mqttPackets()) {
            if (p.dir() == Dir.S2C && p.connection() != null && p.connection().socket() == k.socket
                    && p.allBelow().stream().anyMatch(e -> e.layer() == Layer.TLS_RECORD && e.streamOffset() == r.offset())) {
                return p;
            }
        }
        return null;
    }

    private static boolean sentApplicationDataAfter(Connection k, long seq) {
        for (TlsRecords.Record r : k.outbound().records) {
            ByteStream.Chunk c = k.sent.chunkAt(r.offset());
            if (c != null && c.seq() > seq && r.type() == TlsRecords.APPLICATION_DATA) {
                return true;
            }
        }
        return false;
    }
}
