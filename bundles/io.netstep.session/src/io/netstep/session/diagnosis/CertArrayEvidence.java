package io.netstep.session.diagnosis;

import io.netstep.certs.CertArrayCheck;
import io.netstep.certs.Finding;
import io.netstep.certs.Severity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * F6 from the source side: the project's certificate/key array findings that explain where
 * the handshake stopped on the wire, and the TLS library's error codes in the firmware's output.
 */
final class CertArrayEvidence {

    /** Where the wire shows the TLS failure. */
    enum Stage {
        /** The TLS setup failed before the ClientHello: an array the library cannot parse. */
        SETUP,
        /** The firmware rejected the broker's Certificate: its CA array does not verify the chain. */
        VERIFY,
        /** The broker rejected the firmware's own certificate / CertificateVerify. */
        PEER
    }

    private static final Set<String> VERIFY_CODES = Set.of("ca-wrong-for-broker", "ca-not-expected", "ca-is-leaf",
            "cert-expired", "cert-not-yet-valid");
    private static final Set<String> PEER_CODES = Set.of("key-mismatch", "eku-no-client-auth", "ku-no-digital-signature",
            "cert-expired", "cert-not-yet-valid");

    private static final Pattern MBED = Pattern.compile("-0x([0-9a-fA-F]{4})\\b");
    private static final Pattern WOLF = Pattern.compile("(?:returned|error|err|ret|code)[ =:]*\\(?(-\\d{2,3})\\)?|\\((-\\d{2,3})\\)");

    private final ProjectArrays project;
    final CertArrayCheck.Report report;
    final List<Finding> errors;

    private CertArrayEvidence(ProjectArrays project, CertArrayCheck.Report report) {
        this.project = project;
        this.report = report;
        this.errors = report == null ? List.of()
                : report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** The project checked against {@code brokerChain} (empty when unknown). */
    static CertArrayEvidence check(ProjectArrays project, List<X509Certificate> brokerChain) {
        return new CertArrayEvidence(project, project.check(brokerChain));
    }

    /** The errors that explain a failure at {@code stage}. */
    List<Finding> explaining(Stage stage) {
        return errors.stream().filter(f -> switch (stage) {
            case VERIFY -> VERIFY_CODES.contains(f.code());
            case PEER -> PEER_CODES.contains(f.code());
            case SETUP -> !VERIFY_CODES.contains(f.code()) && !PEER_CODES.contains(f.code());
        }).toList();
    }

    /** "Core/Src/certs.c:12: mbedtls_x509_crt_parse is given …" */
    String line(Finding f) {
        return (f.where().isEmpty() ? "" : project.place(f.where()) + ": ") + f.message() + " [" + f.code() + "]";
    }

    String fix(Finding f) {
        return (f.where().isEmpty() ? "" : project.place(f.where()) + ": ") + f.fix();
    }

    /** One sentence on what was checked: "2 certificate/key array(s) in DIR". */
    String scope() {
        if (report == null) {
            return project.problem();
        }
        return report.arrays().size() + " certificate/key array(s) in " + project.dir();
    }

    /** The firmware's output lines that carry a TLS library error code of {@code stage}. */
    static List<String> libraryErrors(List<String> output, Stage stage) {
        List<String> out = new ArrayList<>();
        for (String line : output) {
            String l = line.toLowerCase(Locale.ROOT);
            if (!(l.contains("fail") || l.contains("returned") || l.contains("error"))) {
                continue;
            }
            if (codes(line).stream().anyMatch(c -> stageOf(c) == stage)) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** mbedTLS codes as negative numbers (-0x2180 → -8576), wolfSSL codes as they are (-140). */
    static List<Integer> codes(String line) {
        List<Integer> out = new ArrayList<>();
        Matcher m = MBED.matcher(line);
        while (m.find()) {
            out.add(-Integer.parseInt(m.group(1), 16));
        }
        if (out.isEmpty()) {
            Matcher w = WOLF.matcher(line);
            while (w.find()) {
                out.add(Integer.parseInt(w.group(1) != null ? w.group(1) : w.group(2)));
            }
        }
        return out;
    }

    /** Which failure stage a library error code belongs to; null for codes of other kinds. */
    static Stage stageOf(int code) {
        int v = -code;
        if (v >= 1000) { // mbedTLS: the high-level module part (X509, PK, PEM, SSL)
            int high = v & 0xFF80;
            if (high == 0x2700) {
                return Stage.VERIFY; // MBEDTLS_ERR_X509_CERT_VERIFY_FAILED
            }
            if (high >= 0x2080 && high <= 0x3000 || high >= 0x3880 && high <= 0x3F80 || high >= 0x1080 && high <= 0x1480) {
                return Stage.SETUP; // X509 / PK / PEM parse errors
            }
            if (high == 0x7780) {
                return Stage.PEER; // MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE: the broker's alert
            }
            return null;
        }
        return switch (v) {
            case 140, 162, 132, 4 -> Stage.SETUP; // ASN_PARSE_E, ASN_NO_PEM_HEADER, BUFFER_E, WOLFSSL_BAD_FILE
            case 188, 150, 151, 155 -> Stage.VERIFY; // ASN_NO_SIGNER_E, ASN_AFTER/BEFORE_DATE_E, ASN_SIG_CONFIRM_E
            case 313 -> Stage.PEER; // FATAL_ERROR: the broker's alert
            default -> null;
        };
    }
}
