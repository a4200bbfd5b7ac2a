package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** F8 client-cert-missing: CertificateRequest from the broker, an empty Certificate from the firmware, then the end. */
final class ClientCertMissingRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!k.isTls()) {
                continue;
            }
            HandshakeFacts h = new HandshakeFacts(k);
            if (h.certificateRequest == null || h.clientCertificate == null
                    || TlsRecords.certificateCount(h.clientCertificate.body()) != 0) {
                continue;
            }
            boolean ended = h.serverAlert != null || h.brokerEnded();
            List<Evidence> ev = new ArrayList<>();
            ev.add(h.inEvidence(h.certificateRequest.recordOffset(), "the broker sent CertificateRequest: it wants a client certificate"));
            ev.add(h.outEvidence(h.clientCertificate.recordOffset(), "the firmware's Certificate message is empty (0 certificates)"));
            if (h.serverAlert != null) {
                ev.add(h.inEvidence(h.serverAlert.recordOffset(), "the broker's fatal alert "
                        + TlsNamesLite.alert(h.serverAlert.description())));
            }
            if (h.end() != null) {
                ev.add(h.end());
            }
            out.add(new Diagnosis("F8", "client-cert-missing", "the broker requires a client certificate and the firmware sent none",
                    ended ? Confidence.CERTAIN : Confidence.POSSIBLE,
                    ended ? "CertificateRequest, an empty Certificate, then the broker ended the handshake"
                            : "the Certificate was empty, but the broker did not end the connection (it may accept that)",
                    "The broker asks for mutual TLS (AWS IoT always does; mosquitto with require_certificate true). "
                            + "The firmware has no certificate configured, so it answers with an empty Certificate and "
                            + "the broker closes the handshake.",
                    ev,
                    "Load the device certificate and private key: mbedtls_x509_crt_parse(&clicert, cert, len) + "
                            + "mbedtls_pk_parse_key(&pkey, key, keylen, NULL, 0) + mbedtls_ssl_conf_own_cert(&conf, "
                            + "&clicert, &pkey); wolfSSL: wolfSSL_CTX_use_certificate_buffer() + "
                            + "wolfSSL_CTX_use_PrivateKey_buffer(). Lengths for PEM include the terminating NUL.",
                    List.of()));
        }
        return out;
    }
}
