package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** F4 missing-sni: a ClientHello without server_name, answered with an alert or a close instead of a ServerHello. */
final class MissingSniRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!k.isTls()) {
                continue;
            }
            HandshakeFacts h = new HandshakeFacts(k);
            if (h.hello == null || h.hello.extensions().contains(0) || h.serverHello != null) {
                continue;
            }
            if (h.serverAlert == null && !h.brokerEnded()) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            ev.add(h.outEvidence(h.clientHello.recordOffset(), "ClientHello without server_name (extensions: "
                    + h.hello.extensions() + ", no type 0)"));
            if (h.serverAlert != null) {
                ev.add(h.inEvidence(h.serverAlert.recordOffset(), "the broker answered with a fatal alert "
                        + TlsNamesLite.alert(h.serverAlert.description())));
            }
            if (h.end() != null) {
                ev.add(h.end());
            }
            CloudNotes.Note note = CloudNotes.of(t, "SNI_MISSING").stream()
                    .filter(n -> n.entry().seq() > k.connect.seq()).findFirst().orElse(null);
            if (note != null) {
                ev.add(new Evidence(note.entry().seq(), note.entry().virtualNanos(), "the cloud profile: " + note.text()));
            }
            boolean sure = note != null || h.serverAlert != null && h.serverAlert.description() == 112;
            out.add(new Diagnosis("F4", "missing-sni", "the broker refused a ClientHello without server_name (SNI)",
                    sure ? Confidence.CERTAIN : Confidence.LIKELY,
                    sure ? "the broker said so (" + (note != null ? "cloud profile: SNI_MISSING" : "unrecognized_name") + ")" : "the ClientHello lacks SNI and the broker ended the "
                            + "handshake before any ServerHello; endpoints like AWS IoT require SNI, but the broker "
                            + "did not say why",
                    "The firmware's ClientHello names no server. AWS IoT (and other brokers behind shared "
                            + "endpoints) pick the certificate and the account by that name and close or alert without it.",
                    ev,
                    "Set the broker's host name before the handshake: mbedtls_ssl_set_hostname(&ssl, "
                            + "\"<endpoint>\") (it is also the name the certificate is checked against); wolfSSL: "
                            + "wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, name, strlen(name)) or "
                            + "wolfSSL_check_domain_name().",
                    List.of()));
        }
        return out;
    }
}
