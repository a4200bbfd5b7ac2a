package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** F14 no-common-cipher: handshake_failure in answer to the ClientHello, before any ServerHello. */
final class NoCommonCipherRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!k.isTls()) {
                continue;
            }
            HandshakeFacts h = new HandshakeFacts(k);
            if (h.hello == null || h.serverHello != null || h.serverAlert == null || h.serverAlert.description() != 40) {
                continue;
            }
            List<Integer> suites = h.hello.cipherSuites().stream().filter(s -> s != 0x00FF).toList();
            boolean onlyRsa = !suites.isEmpty() && suites.stream().allMatch(s -> "RSA".equals(TlsNamesLite.keyExchange(s)));
            List<Evidence> ev = new ArrayList<>();
            ev.add(h.outEvidence(h.clientHello.recordOffset(), "ClientHello offers " + suites.size() + " cipher suite(s): "
                    + suites.stream().map(TlsNamesLite::suite).collect(Collectors.joining(", "))));
            ev.add(h.inEvidence(h.serverAlert.recordOffset(), "the broker answered with a fatal alert "
                    + TlsNamesLite.alert(40) + ", no ServerHello"));
            out.add(new Diagnosis("F14", "no-common-cipher", "the broker accepts none of the cipher suites the firmware offers",
                    onlyRsa ? Confidence.LIKELY : Confidence.POSSIBLE,
                    onlyRsa ? "the firmware offers only RSA key exchange suites and the broker rejected the ClientHello "
                            + "with handshake_failure; many brokers (AWS IoT, mosquitto with a modern cipher list) refuse "
                            + "RSA key exchange"
                            : "handshake_failure right after the ClientHello means no common suite or no common "
                            + "group/signature algorithm; which one the broker lacked it did not say",
                    "The handshake ended at the ClientHello: the broker found nothing it accepts among the offered "
                            + "suites" + (onlyRsa ? " (all of them RSA key exchange, no forward secrecy)" : "") + ".",
                    ev,
                    "Enable ECDHE suites, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and "
                            + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: mbedTLS MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED / "
                            + "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED, MBEDTLS_ECDH_C, MBEDTLS_ECP_DP_SECP256R1_ENABLED, "
                            + "MBEDTLS_GCM_C in the config and no restrictive mbedtls_ssl_conf_ciphersuites() list; "
                            + "wolfSSL: HAVE_ECC, HAVE_AESGCM and wolfSSL_CTX_set_cipher_list(ctx, "
                            + "\"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256\").",
                    onlyRsa ? List.of() : List.of("no common supported_groups / signature_algorithms: the ClientHello "
                            + "extensions " + h.hello.extensions() + " are what the broker had to choose from")));
        }
        return out;
    }
}
