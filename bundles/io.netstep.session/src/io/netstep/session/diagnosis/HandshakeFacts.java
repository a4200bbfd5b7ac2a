package io.netstep.session.diagnosis;

import io.netstep.session.LogEntry;

/** Where the plaintext handshake of one connection got to, with the entries that show it. */
final class HandshakeFacts {

    final Connection k;
    final TlsRecords.Message clientHello;
    final TlsRecords.Hello hello;
    final TlsRecords.Message serverHello;
    final TlsRecords.Message serverCertificate;
    final TlsRecords.Message certificateRequest;
    final TlsRecords.Message clientCertificate;
    final TlsRecords.Alert serverAlert;
    final TlsRecords.Alert clientAlert;

    HandshakeFacts(Connection k) {
        this.k = k;
        TlsRecords out = k.outbound();
        TlsRecords in = k.inbound();
        clientHello = out.first(TlsRecords.CLIENT_HELLO);
        hello = clientHello == null ? null : TlsRecords.parseClientHello(clientHello.body());
        serverHello = in.first(TlsRecords.SERVER_HELLO);
        serverCertificate = in.first(TlsRecords.CERTIFICATE);
        certificateRequest = in.first(TlsRecords.CERTIFICATE_REQUEST);
        clientCertificate = out.first(TlsRecords.CERTIFICATE);
        serverAlert = in.alerts.stream().filter(a -> a.level() == 2).findFirst().orElse(null);
        clientAlert = out.alerts.stream().filter(a -> a.level() == 2).findFirst().orElse(null);
    }

    /** The entry that carried stream offset {@code offset} of the broker's bytes. */
    ByteStream.Chunk in(long offset) {
        return k.arrived.chunkAt(offset);
    }

    ByteStream.Chunk out(long offset) {
        return k.sent.chunkAt(offset);
    }

    Evidence inEvidence(long offset, String what) {
        ByteStream.Chunk c = in(offset);
        return new Evidence(c == null ? 0 : c.seq(), c == null ? 0 : c.time(), what);
    }

    Evidence outEvidence(long offset, String what) {
        ByteStream.Chunk c = out(offset);
        return new Evidence(c == null ? 0 : c.seq(), c == null ? 0 : c.time(), what);
    }

    /** How the connection ended, as evidence: the host's close, or the firmware's. */
    Evidence end() {
        LogEntry e = ConnectTimeoutRule.first(k.hostClosed, k.firmwareClose);
        if (e == null) {
            return null;
        }
        return new Evidence(e.seq(), e.virtualNanos(), e == k.hostClosed ? "the broker side closed the connection ("
                + ((io.netstep.net.NetworkEvent.Closed) e.event()).how() + ")"
                : "the firmware closed socket " + k.socket);
    }

    boolean brokerEnded() {
        return k.hostClosed != null && (k.firmwareClose == null || k.hostClosed.seq() < k.firmwareClose.seq());
    }
}
