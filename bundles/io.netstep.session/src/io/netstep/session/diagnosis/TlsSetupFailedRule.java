package io.netstep.session.diagnosis;

import io.netstep.net.NetworkEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * F6 bad-cert-array: the TCP connection to a TLS port came up and the firmware closed it
 * without sending a byte — its TLS setup failed locally, before the ClientHello; the usual
 * cause is a certificate / key array in the wrong form. Checking the project's arrays
 * themselves belongs to the certificate tools (issue 6).
 */
final class TlsSetupFailedRule implements Rule {

    private static final List<Integer> TLS_PORTS = List.of(8883, 443, 8443);

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            NetworkEvent.Connect c = k.connectEvent();
            if (k.established == null || k.firmwareClose == null || !k.sent.isEmpty() || c == null
                    || !TLS_PORTS.contains(c.dstPort())
                    || k.hostClosed != null && k.hostClosed.seq() < k.firmwareClose.seq()) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(k.established.seq(), k.established.virtualNanos(), "socket " + k.socket
                    + " ESTABLISHED to " + k.destination() + " (a TLS port)"));
            ev.add(new Evidence(k.firmwareClose.seq(), k.firmwareClose.virtualNanos(), "the firmware closed it "
                    + SessionTrace.seconds(k.firmwareClose.virtualNanos() - k.established.virtualNanos())
                    + " later without sending a byte: no ClientHello"));
            if (t.firmwareExit != null) {
                ev.add(new Evidence(t.firmwareExit.seq(), t.firmwareExit.virtualNanos(), "the firmware exited with status "
                        + t.exitStatus()));
            }
            out.add(new Diagnosis("F6", "bad-cert-array", "the TLS setup failed in the firmware before the handshake",
                    Confidence.POSSIBLE,
                    "the handshake never started although the connection was up, so the TLS library refused its "
                            + "configuration; a certificate/key array it cannot parse is the usual reason, but the "
                            + "chip cannot see which call failed (the firmware's FAIL line and return code can)",
                    "The firmware's TLS context setup failed locally: typically mbedtls_x509_crt_parse() / "
                            + "mbedtls_pk_parse_key() (-0x2180 X509 invalid format, -0x262E, -0x3D00 key invalid "
                            + "format…) or wolfSSL ASN_PARSE_E (-140) on a CA / client certificate / key array that is "
                            + "not what the call expects.",
                    ev,
                    "Check each certificate/key array against the call it goes to: PEM text must end with its NUL "
                            + "and be passed with sizeof(array) (mbedtls_x509_crt_parse(), wolfSSL "
                            + "WOLFSSL_FILETYPE_PEM); DER (binary, starting 0x30 0x82) with its exact length to "
                            + "mbedtls_x509_crt_parse_der() / WOLFSSL_FILETYPE_ASN1; no truncation when pasting. "
                            + "Automatic inspection of the project's arrays comes with the certificate tools (issue 6).",
                    List.of("F6 bad-cert-array (PEM given as DER or the reverse, truncated, missing NUL): for, the "
                            + "most common local setup failure; against, nothing on the chip names the call",
                            "other TLS setup failures (entropy source / mbedtls_ctr_drbg_seed, out of heap for the "
                            + "TLS context, mbedtls_ssl_setup): equally silent on the chip")));
        }
        return out;
    }
}
