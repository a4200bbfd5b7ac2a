package io.netstep.session.diagnosis;

import io.netstep.certs.Finding;
import io.netstep.net.NetworkEvent;
import io.netstep.session.diagnosis.CertArrayEvidence.Stage;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * F6 bad-cert-array. From the wire: the TCP connection to a TLS port came up and the firmware
 * closed it without sending a byte — its TLS setup failed locally, before the ClientHello; the
 * usual cause is a certificate / key array in the wrong form. When the run knows the
 * firmware's source folder, the project's arrays are checked ({@link CertArrayEvidence}) and
 * the findings that explain where the handshake stopped become the evidence: before the
 * ClientHello (parse errors), at the broker's Certificate (a CA array that does not verify the
 * broker's chain) or at the firmware's own certificate (a key that does not match it).
 */
final class TlsSetupFailedRule implements Rule {

    private static final List<Integer> TLS_PORTS = List.of(8883, 443, 8443);
    private static final Set<Integer> CERTIFICATE_ALERTS = Set.of(42, 43, 44, 45, 46, 48);

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        CertArrayEvidence source = null;
        for (Connection k : t.connections) {
            List<Evidence> wire = new ArrayList<>();
            Stage stage = stage(k, wire);
            if (stage == null) {
                continue;
            }
            if (t.firmware.project() != null && source == null) {
                source = CertArrayEvidence.check(t.firmware.project(), brokerChain(t));
            }
            List<Finding> found = source == null ? List.of() : source.explaining(stage);
            if (t.firmwareExit != null) {
                wire.add(new Evidence(t.firmwareExit.seq(), t.firmwareExit.virtualNanos(), "the firmware exited with status "
                        + t.exitStatus()));
            }
            if (found.isEmpty()) {
                if (stage == Stage.SETUP) {
                    out.add(wireOnly(wire, source));
                }
                continue; // a handshake that failed later without a project finding is F7 / F8's business
            }
            out.add(withSource(stage, wire, found, source, t));
        }
        return out;
    }

    /** Where this connection's TLS failed, with the wire evidence; null when it did not fail in a way F6 explains. */
    private static Stage stage(Connection k, List<Evidence> wire) {
        NetworkEvent.Connect c = k.connectEvent();
        if (k.established != null && k.firmwareClose != null && k.sent.isEmpty() && c != null && TLS_PORTS.contains(c.dstPort())
                && (k.hostClosed == null || k.hostClosed.seq() >= k.firmwareClose.seq())) {
            wire.add(new Evidence(k.established.seq(), k.established.virtualNanos(), "socket " + k.socket
                    + " ESTABLISHED to " + k.destination() + " (a TLS port)"));
            wire.add(new Evidence(k.firmwareClose.seq(), k.firmwareClose.virtualNanos(), "the firmware closed it "
                    + SessionTrace.seconds(k.firmwareClose.virtualNanos() - k.established.virtualNanos())
                    + " later without sending a byte: no ClientHello"));
            return Stage.SETUP;
        }
        if (!k.isTls()) {
            return null;
        }
        HandshakeFacts h = new HandshakeFacts(k);
        if (h.serverCertificate != null && h.clientAlert != null && CERTIFICATE_ALERTS.contains(h.clientAlert.description())
                && h.clientAlert.recordOffset() >= 0) {
            wire.add(h.inEvidence(h.serverCertificate.recordOffset(), "the broker's Certificate"));
            wire.add(h.outEvidence(h.clientAlert.recordOffset(), "the firmware answered with a fatal alert "
                    + TlsNamesLite.alert(h.clientAlert.description()) + ": it does not trust the broker's chain"));
            return Stage.VERIFY;
        }
        if (h.clientCertificate != null && h.serverAlert != null) {
            wire.add(h.outEvidence(h.clientCertificate.recordOffset(), "the firmware's Certificate"));
            wire.add(h.inEvidence(h.serverAlert.recordOffset(), "the broker answered with a fatal alert "
                    + TlsNamesLite.alert(h.serverAlert.description())));
            return Stage.PEER;
        }
        return null;
    }

    /** The broker's chain as the first Certificate message on the wire shows it (TLS 1.2: plaintext). */
    private static List<X509Certificate> brokerChain(SessionTrace t) {
        for (Connection k : t.connections) {
            if (k.isTls()) {
                HandshakeFacts h = new HandshakeFacts(k);
                if (h.serverCertificate != null) {
                    List<X509Certificate> chain = ServerNotTrustedRule.parse(TlsRecords.certificates(h.serverCertificate.body()));
                    if (!chain.isEmpty()) {
                        return chain;
                    }
                }
            }
        }
        return List.of();
    }

    private static Diagnosis withSource(Stage stage, List<Evidence> wire, List<Finding> found, CertArrayEvidence source,
                                        SessionTrace t) {
        long at = wire.stream().mapToLong(Evidence::virtualNanos).max().orElse(0);
        List<Evidence> ev = new ArrayList<>(wire);
        List<String> library = CertArrayEvidence.libraryErrors(t.firmware.output(), stage);
        for (String line : library) {
            ev.add(new Evidence(0, at, "the firmware printed: " + line));
        }
        for (Finding f : found) {
            ev.add(new Evidence(0, at, source.line(f)));
        }
        StringBuilder fix = new StringBuilder();
        for (Finding f : found) {
            fix.append(fix.length() == 0 ? "" : "; ").append(source.fix(f));
        }
        fix.append(". `netstep certs check ").append(source.report.dir()).append("` prints each array as it should be.");
        String where = stage == Stage.SETUP ? "the TLS setup failed before the ClientHello"
                : stage == Stage.VERIFY ? "the firmware rejected the broker's certificate" : "the broker rejected the firmware's certificate";
        String title = switch (stage) {
            case SETUP -> "a certificate/key array in the project is not what its TLS call expects";
            case VERIFY -> "the CA array in the project does not verify the broker's certificate (wrong CA)";
            case PEER -> "the client certificate/key arrays in the project do not fit together";
        };
        return new Diagnosis("F6", "bad-cert-array", title,
                library.isEmpty() ? Confidence.LIKELY : Confidence.CERTAIN,
                (library.isEmpty() ? "on the wire " + where + ", and the project's arrays explain it (" + found.size()
                        + " finding(s)); the firmware's output did not show the TLS library's error code to confirm which call failed"
                        : "on the wire " + where + ", the firmware's output shows the TLS library's error code for it, and the "
                        + "project's arrays explain it (" + found.size() + " finding(s))"),
                "Checked " + source.scope() + ": " + String.join(" ", found.stream().map(Finding::message).toList()),
                ev, fix.toString(),
                stage == Stage.VERIFY ? List.of("F7 server-not-trusted is the same failure seen from the wire") : List.of());
    }

    private static Diagnosis wireOnly(List<Evidence> ev, CertArrayEvidence source) {
        String checked = source == null ? ""
                : source.report == null ? " (" + source.scope() + ")"
                : "; against: the " + source.scope() + " show no problem that stops the TLS setup";
        return new Diagnosis("F6", "bad-cert-array", "the TLS setup failed in the firmware before the handshake",
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
                        + (source == null ? "Give the firmware's source folder (netstep run --project DIR) and NetStep "
                        + "checks the arrays itself (or run netstep certs check DIR)." : ""),
                List.of("F6 bad-cert-array (PEM given as DER or the reverse, truncated, missing NUL): for, the "
                        + "most common local setup failure; against, nothing on the chip names the call" + checked,
                        "other TLS setup failures (entropy source / mbedtls_ctr_drbg_seed, out of heap for the "
                        + "TLS context, mbedtls_ssl_setup): equally silent on the chip"));
    }
}
