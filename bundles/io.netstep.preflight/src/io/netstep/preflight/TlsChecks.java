package io.netstep.preflight;

import io.netstep.preflight.TlsProbe.Outcome;
import io.netstep.preflight.TlsProbe.Result;
import io.netstep.preflight.TlsProbe.ServerRecord;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one or two handshake probes (the second with SNI, when the first without it failed)
 * into the TLS checks, each with its cause in plain words. The chain and record facts come
 * from the probe that got furthest.
 */
final class TlsChecks {

    final Result first;
    final Result withSni;
    final boolean sniNeeded;
    final Result best;
    private final PreflightSettings s;
    private final Credentials cred;

    /** @param withSni the retry with SNI, or null when none was made */
    TlsChecks(PreflightSettings s, Credentials cred, Result first, Result withSni) {
        this.s = s;
        this.cred = cred;
        this.first = first;
        this.withSni = withSni;
        this.sniNeeded = withSni != null && !first.sawServerHello() && (withSni.sawServerHello() || withSni.outcome == Outcome.COMPLETED);
        this.best = sniNeeded ? withSni : first;
    }

    /** The name a retry with SNI would send when the first probe sent none, or null. */
    static String retryName(PreflightSettings s) {
        if (s.effectiveSniName() != null) return null;
        String n = s.sniName() != null ? s.sniName() : s.host();
        return n == null || n.matches("[0-9.]+") || n.contains(":") ? null : n;
    }

    boolean clientCertificateMissing(Result r) {
        return r.certificateRequested && !r.clientCertificateOffered && failedByServer(r);
    }

    boolean clientCertificateRejected(Result r) {
        return r.certificateRequested && r.clientCertificateOffered && failedByServer(r);
    }

    private static boolean failedByServer(Result r) {
        return r.outcome == Outcome.ALERT || r.outcome == Outcome.CLOSED || r.outcome == Outcome.RESET;
    }

    private String how(Result r) {
        switch (r.outcome) {
            case ALERT: return "sent alert " + r.alert;
            case CLOSED: return "closed the connection";
            case RESET: return "reset the connection";
            default: return r.outcome.toString().toLowerCase();
        }
    }

    Map<Check, StepResult> results() {
        Map<Check, StepResult> m = new EnumMap<>(Check.class);
        m.put(Check.TLS_HANDSHAKE, handshake());
        m.put(Check.SNI, sni());
        m.put(Check.CLIENT_CERTIFICATE, clientCertificate());
        List<java.security.cert.X509Certificate> chain = best.serverChain;
        if (chain.isEmpty()) {
            for (Check c : List.of(Check.SERVER_CHAIN, Check.SERVER_NAME, Check.SERVER_DATES)) {
                m.put(c, StepResult.skipped(c, "the broker sent no certificate (the handshake ended before it)"));
            }
        } else {
            m.put(Check.SERVER_CHAIN, ServerCertificates.chain(chain, cred.ca));
            m.put(Check.SERVER_NAME, ServerCertificates.name(chain.get(0), s.expectedServerName(), s.sni()));
            m.put(Check.SERVER_DATES, ServerCertificates.dates(chain, Instant.now()));
        }
        m.put(Check.RECORD_SIZE, recordSize());
        return m;
    }

    private StepResult handshake() {
        Result r = first;
        String sent = r.sniName == null ? "no SNI" : "SNI " + r.sniName;
        if (r.outcome == Outcome.COMPLETED) {
            return StepResult.ok(Check.TLS_HANDSHAKE, r.protocol + ", " + r.cipherSuite + ", " + sent + ", "
                    + r.records.size() + " records from the broker");
        }
        if (sniNeeded) {
            return StepResult.failed(Check.TLS_HANDSHAKE, "no answer without SNI",
                    sniCause(), sniFix());
        }
        if (clientCertificateMissing(r)) {
            return StepResult.failed(Check.TLS_HANDSHAKE, "the broker requires a client certificate",
                    certificateMissingCause(r), certificateMissingFix());
        }
        if (clientCertificateRejected(r)) {
            return StepResult.failed(Check.TLS_HANDSHAKE, "the broker rejected the client certificate",
                    certificateRejectedCause(r), certificateRejectedFix());
        }
        String v = s.tlsVersion().jsseName();
        switch (r.outcome) {
            case ALERT:
                if ("protocol_version".equals(r.alert)) {
                    return StepResult.failed(Check.TLS_HANDSHAKE, "the broker does not accept " + v,
                            "the broker answered the " + v + " ClientHello with alert protocol_version",
                            "use the TLS version the broker accepts (" + (v.equals("TLSv1.2") ? "1.3" : "1.2") + "?) in the firmware and here");
                }
                if ("handshake_failure".equals(r.alert) || "insufficient_security".equals(r.alert)) {
                    return StepResult.failed(Check.TLS_HANDSHAKE, "alert " + r.alert + " after the ClientHello",
                            "the broker found nothing it accepts in the ClientHello: usually no common cipher suite or signature algorithm (F14)",
                            "enable the suites the broker offers (ECDHE with AES-GCM is the common ground) in the firmware's TLS configuration");
                }
                if ("unrecognized_name".equals(r.alert)) {
                    return StepResult.failed(Check.TLS_HANDSHAKE, "the broker does not know the name " + r.sniName,
                            "alert unrecognized_name: the SNI name " + r.sniName + " is not served by this broker",
                            "send the broker's own name as SNI (the endpoint name, not an alias)");
                }
                return StepResult.failed(Check.TLS_HANDSHAKE, "the broker ended the handshake with alert " + r.alert,
                        "the broker sent the fatal alert " + r.alert + (r.serverMessages.isEmpty() ? " right after the ClientHello" : " after " + r.serverMessages),
                        "look up the alert in the broker's log; the firmware will see the same alert");
            case CLOSED_WITHOUT_ANSWER:
                return StepResult.failed(Check.TLS_HANDSHAKE, "closed without answering the ClientHello",
                        "the broker closed the connection without a byte of answer (" + sent + "): the port may not speak TLS"
                                + " (plain MQTT is usually 1883), the broker may need SNI, or it may refuse " + v,
                        r.sniName == null ? "turn SNI on with the broker's name, check the port, try the other TLS version"
                                : "check the port is the TLS port (8883) and the TLS version");
            case NOT_TLS:
                return StepResult.failed(Check.TLS_HANDSHAKE, "the port does not speak TLS", r.detail + ": this is not a TLS port",
                        "use the broker's TLS port (usually 8883) or turn TLS off for this port");
            case TIMEOUT:
                return StepResult.failed(Check.TLS_HANDSHAKE, "no TLS answer within " + s.ioTimeoutMillis() + " ms",
                        "the port accepts TCP but does not answer a ClientHello"
                                + (r.serverMessages.isEmpty() ? "" : " (stopped after " + r.serverMessages + ")")
                                + ": a plain MQTT port waiting for a CONNECT, or a middlebox",
                        "check that this is the broker's TLS port");
            case CLOSED:
            case RESET:
                return StepResult.failed(Check.TLS_HANDSHAKE, "the broker " + how(r) + " during the handshake",
                        "the broker " + how(r) + " after " + (r.serverMessages.isEmpty() ? "its first bytes" : String.join(", ", r.serverMessages)),
                        "check the broker's log for the reason; the firmware will see the same");
            case CONNECT_FAILED:
                return StepResult.failed(Check.TLS_HANDSHAKE, "TCP connect failed for the handshake: " + r.detail,
                        "the broker stopped accepting connections between the checks", "retry");
            default:
                return StepResult.failed(Check.TLS_HANDSHAKE, "this side gave up: " + r.detail,
                        "the TLS settings could not be agreed with the broker (" + r.detail + ")",
                        "check the TLS version and the broker's TLS settings");
        }
    }

    private String sniCause() {
        return "the broker closed the connection without answering a ClientHello without SNI (server_name);"
                + " with SNI " + withSni.sniName + " it answers: it needs SNI (AWS IoT does, F4)";
    }

    private String sniFix() {
        return "turn SNI on with the name " + withSni.sniName + " (mbedTLS: mbedtls_ssl_set_hostname(&ssl, \"" + withSni.sniName
                + "\"); wolfSSL: wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, name, len))";
    }

    private String certificateMissingCause(Result r) {
        return "the broker asked for a client certificate (CertificateRequest" + (r.acceptedIssuers.isEmpty() ? "" : " from " + r.acceptedIssuers)
                + ") and " + how(r) + (r.rejectedAfterHandshake ? " after the handshake" : "") + " when none came (F8)";
    }

    private String certificateMissingFix() {
        return "give the client certificate and key (--cert, --key) and load them in the firmware"
                + " (mbedtls_ssl_conf_own_cert / wolfSSL_CTX_use_certificate_buffer + wolfSSL_CTX_use_PrivateKey_buffer)";
    }

    private String certificateRejectedCause(Result r) {
        return "the broker " + how(r) + " after receiving the client certificate "
                + (cred.clientChain.isEmpty() ? "" : cred.clientChain.get(0).getSubjectX500Principal().getName())
                + ": it does not trust the CA that signed it" + (r.acceptedIssuers.isEmpty() ? "" : " (it accepts " + r.acceptedIssuers + ")")
                + ", or the certificate is revoked / not active";
    }

    private String certificateRejectedFix() {
        return "use a client certificate signed by a CA the broker trusts (AWS IoT: registered, ACTIVE and attached to the thing)";
    }

    private StepResult sni() {
        if (sniNeeded) return StepResult.failed(Check.SNI, "needed, but none was sent", sniCause(), sniFix());
        Result r = first;
        if (r.sniName != null) {
            if ("unrecognized_name".equals(r.alert)) {
                return StepResult.failed(Check.SNI, r.sniName + " is not a name of this broker", "alert unrecognized_name", "send the broker's own name");
            }
            return StepResult.ok(Check.SNI, "sent server_name " + r.sniName);
        }
        String why = s.sni() && s.host() != null && PreflightSettings.isAddress(s.sniName() != null ? s.sniName() : s.host())
                ? " (the host is an address: SNI carries names only)" : "";
        if (r.outcome == Outcome.COMPLETED) return StepResult.ok(Check.SNI, "none sent" + why + "; this broker answers without it");
        if (withSni != null) return StepResult.ok(Check.SNI, "none sent; not the cause: with SNI " + withSni.sniName + " the handshake fails too");
        return StepResult.skipped(Check.SNI, "none sent; no host name to try SNI with");
    }

    private StepResult clientCertificate() {
        Result r = best;
        String cn = cred.clientChain.isEmpty() ? "" : " (" + cred.clientChain.get(0).getSubjectX500Principal().getName() + ")";
        if (clientCertificateMissing(r)) return StepResult.failed(Check.CLIENT_CERTIFICATE, "required, none given", certificateMissingCause(r), certificateMissingFix());
        if (clientCertificateRejected(r)) return StepResult.failed(Check.CLIENT_CERTIFICATE, "rejected" + cn, certificateRejectedCause(r), certificateRejectedFix());
        if (r.outcome != Outcome.COMPLETED && !r.certificateRequested) {
            return StepResult.skipped(Check.CLIENT_CERTIFICATE, "not known: the handshake ended before the broker could ask for one");
        }
        if (r.certificateRequested) {
            return StepResult.ok(Check.CLIENT_CERTIFICATE, r.clientCertificateOffered ? "asked for and accepted" + cn
                    : "asked for, but optional: the broker accepted the handshake without one");
        }
        if (cred.hasClientCertificate()) {
            return StepResult.warning(Check.CLIENT_CERTIFICATE, "given, but the broker never asks for one",
                    "the broker does not use client certificates: the firmware carries this one for nothing",
                    "keep it only if the broker will require it later");
        }
        return StepResult.ok(Check.CLIENT_CERTIFICATE, "not asked for");
    }

    private StepResult recordSize() {
        ServerRecord big = best.largestRecord();
        if (big == null) return StepResult.skipped(Check.RECORD_SIZE, "the broker sent no TLS record");
        String content = content(big);
        String summary = big.length + " bytes (" + content + (big.protectedRecord ? ", at most " + (big.length - 17)
                + " bytes of content after the 16-byte AEAD tag and the content type byte" : "") + ")" + (sniNeeded ? ", measured with SNI" : "")
                + ": the firmware's TLS input buffer must hold it — mbedTLS MBEDTLS_SSL_IN_CONTENT_LEN >= " + big.length
                + ", wolfSSL's default record buffer (16384) holds up to 16 KB";
        return StepResult.ok(Check.RECORD_SIZE, summary);
    }

    static String content(ServerRecord r) {
        if (r.protectedRecord) return "encrypted handshake record" + (r.messages.isEmpty() ? "" : " with " + String.join(", ", r.messages));
        if (r.messages.isEmpty()) return "record type " + r.contentType;
        return String.join(", ", r.messages);
    }
}
