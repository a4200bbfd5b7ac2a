package io.netstep.session.diagnosis;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** F7 server-not-trusted: the firmware rejected the broker's certificate chain with a certificate alert. */
final class ServerNotTrustedRule implements Rule {

    private static final Set<Integer> CERTIFICATE_ALERTS = Set.of(42, 43, 44, 45, 46, 48);

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!k.isTls()) {
                continue;
            }
            HandshakeFacts h = new HandshakeFacts(k);
            if (h.serverCertificate == null || h.clientAlert == null
                    || !CERTIFICATE_ALERTS.contains(h.clientAlert.description())) {
                continue;
            }
            List<X509Certificate> chain = parse(TlsRecords.certificates(h.serverCertificate.body()));
            List<Evidence> ev = new ArrayList<>();
            StringBuilder desc = new StringBuilder();
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                desc.append(i == 0 ? "" : "; ").append("[").append(i).append("] subject ")
                        .append(c.getSubjectX500Principal().getName()).append(", issuer ")
                        .append(c.getIssuerX500Principal().getName());
            }
            ev.add(h.inEvidence(h.serverCertificate.recordOffset(), "the broker's Certificate: " + chain.size()
                    + " certificate(s): " + desc));
            ev.add(h.outEvidence(h.clientAlert.recordOffset(), "the firmware answered with a fatal alert "
                    + TlsNamesLite.alert(h.clientAlert.description())));
            if (h.end() != null) {
                ev.add(h.end());
            }
            String top = chain.isEmpty() ? "?" : chain.get(chain.size() - 1).getIssuerX500Principal().getName();
            out.add(new Diagnosis("F7", "server-not-trusted", "the firmware does not trust the broker's certificate",
                    Confidence.CERTAIN,
                    "the firmware sent " + TlsNamesLite.alert(h.clientAlert.description())
                            + " right after the broker's Certificate",
                    "The CA certificate given to the firmware does not sign the broker's chain (or the chain is "
                            + "expired/not valid for this name). mbedTLS reports -0x2700 "
                            + "(X509 - Certificate verification failed), wolfSSL ASN_NO_SIGNER_E (-188).",
                    ev,
                    "Give the firmware the CA that issued the top of the broker's chain: a certificate with subject "
                            + "\"" + top + "\" (for AWS IoT: Amazon Root CA 1, from https://www.amazontrust.com/repository/AmazonRootCA1.pem), "
                            + "loaded with mbedtls_x509_crt_parse() and mbedtls_ssl_conf_ca_chain() "
                            + "(wolfSSL_CTX_load_verify_buffer()). With the firmware's source folder (netstep run "
                            + "--project DIR) F6 names the CA array that is wrong.",
                    List.of()));
        }
        return out;
    }

    static List<X509Certificate> parse(List<byte[]> ders) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (byte[] d : ders) {
                try {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(d)));
                } catch (CertificateException e) {
                    // not a certificate we can read: leave it out of the description
                }
            }
        } catch (CertificateException e) {
            // no X.509 support in this JRE: describe nothing
        }
        return out;
    }
}
