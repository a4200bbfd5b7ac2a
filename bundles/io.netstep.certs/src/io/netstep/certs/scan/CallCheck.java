package io.netstep.certs.scan;

import io.netstep.certs.Finding;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one mbedTLS/wolfSSL call against the array it is given: the length (the PEM NUL
 * for mbedTLS, truncation, sizeof of a pointer, past the end) and, for wolfSSL, the
 * format flag against what the array really holds. Error codes in the messages were
 * measured with the real libraries (mbedTLS 2.28, wolfSSL 5.5).
 */
public final class CallCheck {

    private static final Pattern BUFFER = Pattern.compile("^(?:\\(\\s*[\\w\\s*]+\\)\\s*)*&?\\s*\\(?\\s*([A-Za-z_]\\w*)\\s*\\)?\\s*(?:\\[\\s*0\\s*\\])?$");

    private CallCheck() { }

    /** The array name a buffer argument refers to ({@code (const unsigned char *) ca_pem}, {@code &ca[0]}), or null. */
    public static String bufferName(String arg) {
        Matcher m = BUFFER.matcher(arg.trim());
        return m.matches() ? m.group(1) : null;
    }

    /** Index of the buffer argument, or -1 for calls that only wire parsed objects together. */
    public static int bufferIndex(String function) {
        return switch (function) {
            case "mbedtls_ssl_conf_ca_chain", "mbedtls_ssl_conf_own_cert" -> -1;
            default -> 1;
        };
    }

    /** The wolfSSL format argument's meaning: "PEM", "ASN1", or null when not a wolfSSL call / not resolvable. */
    public static String wolfFormat(CCall call, ProjectNames names) {
        if (!call.function().startsWith("wolfSSL")) return null;
        if (call.function().endsWith("chain_buffer")) return "PEM"; // PEM only, by definition
        if (call.args().size() < 4) return null;
        String f = call.args().get(3).trim();
        for (int depth = 0; depth < 5 && f != null; depth++) {
            if (f.matches("(?:WOLFSSL|SSL)_FILETYPE_PEM|1")) return "PEM";
            if (f.matches("(?:WOLFSSL|SSL)_FILETYPE_(?:ASN1|DEFAULT)|2")) return "ASN1";
            f = names.constant(f);
            if (f != null) f = f.trim();
        }
        return null;
    }

    public static ArrayRole roleOf(String function) {
        if (function.contains("PrivateKey") || function.equals("mbedtls_pk_parse_key")) return ArrayRole.KEY;
        if (function.contains("verify_buffer") || function.contains("trust_peer")) return ArrayRole.CA;
        if (function.startsWith("wolfSSL")) return ArrayRole.OWN_CERT;
        return ArrayRole.UNKNOWN; // mbedtls_x509_crt_parse*: decided by where the chain goes
    }

    public static void check(CCall call, FoundArray a, ProjectNames names, List<Finding> out) {
        if (call.args().size() < 3) return;
        String lenArg = call.args().get(2);
        LengthExpr.Value v = LengthExpr.evaluate(lenArg, names);
        String where = call.where();
        String fn = call.function();
        boolean mbed = fn.startsWith("mbedtls");
        String arr = a.name();
        if (v.sizeofPointer()) {
            out.add(Finding.error("len-sizeof-pointer", where, fn + " gets \"" + lenArg + "\": " + arr + " is a pointer, so sizeof gives the "
                    + "pointer's size (4 on the STM32, 8 on the PC), not the certificate's length",
                    "declare it as an array (const unsigned char " + arr + "[] = \"…\";) or pass strlen(" + arr + ") + 1"));
            return;
        }
        String fmt = wolfFormat(call, names);
        if (!mbed && fmt != null) {
            if (fmt.equals("PEM") && !a.pem()) {
                out.add(Finding.error("der-with-pem-flag", where, fn + " is told WOLFSSL_FILETYPE_PEM but " + arr + " (" + a.where()
                        + ") holds DER bytes: wolfSSL returns ASN_NO_PEM_HEADER (-162)", "pass WOLFSSL_FILETYPE_ASN1 for DER arrays"));
            } else if (fmt.equals("ASN1") && a.pem()) {
                out.add(Finding.error("pem-with-der-flag", where, fn + " is told WOLFSSL_FILETYPE_ASN1 but " + arr + " (" + a.where()
                        + ") holds PEM text: wolfSSL returns ASN_PARSE_E (-140)", "pass WOLFSSL_FILETYPE_PEM for PEM text"));
            }
        }
        if (mbed && fn.startsWith("mbedtls_x509_crt_parse_der") && a.pem()) {
            out.add(Finding.error("pem-to-der-parser", where, fn + " parses DER only but " + arr + " holds PEM text: -0x2180",
                    "call mbedtls_x509_crt_parse(&crt, " + arr + ", sizeof(" + arr + ")) for PEM, or convert the array to DER"));
            return;
        }
        if (v.value() == null) return;
        long len = v.value();
        CConstant constant = lenArg.trim().matches("[A-Za-z_]\\w*") ? names.constantDecl(lenArg.trim()) : null;
        if (constant != null && !constant.expression().trim().matches("\\(?\\s*[0-9]+[uUlL]*\\s*\\)?")) constant = null;
        if (constant != null && (a.pem() ? len != a.textLength() && len != a.textLength() + 1 : len != a.textLength())) {
            out.add(Finding.error("len-const-mismatch", where, fn + " is given " + lenArg + " = " + len + " (defined at " + constant.where()
                    + ") but " + arr + " (" + a.where() + ") is " + a.memory().length + " bytes"
                    + (a.pem() ? " (" + a.textLength() + " characters + NUL)" : "") + ": the array was changed and the length constant was not"
                    + (len < a.textLength() ? "; the parse fails (" + (mbed ? "mbedTLS -0x2180" : "wolfSSL ASN_PARSE_E -140 / BUFFER_E -132") + ")"
                    : "; it reads past the end of the array"),
                    "define " + lenArg.trim() + " as sizeof(" + arr + ")" + (a.pem() && !mbed ? " - 1" : "") + ", or pass that directly"));
            return;
        }
        int size = a.memory().length;
        int text = a.textLength();
        if (len > size) {
            out.add(Finding.error("len-past-end", where, fn + " is given " + len + " bytes (" + lenArg + ") but " + arr + " has only " + size
                    + ": it reads past the end of the array", "pass sizeof(" + arr + ")" + (a.pem() && !mbed ? " - 1" : "")));
            return;
        }
        if (a.pem()) {
            if (mbed && len == text) {
                boolean noRoom = size == text;
                out.add(Finding.error("pem-missing-nul", where, fn + " is given " + len + " bytes (" + lenArg + "): the PEM text without its "
                        + "terminating NUL" + (noRoom ? " (" + arr + " is declared exactly as long as the text, so it has no NUL at all)" : "")
                        + ". mbedTLS only treats a buffer as PEM when its last byte is NUL, so it parses the text as DER and fails with "
                        + (fn.equals("mbedtls_pk_parse_key") ? "-0x3D00 (PK - Invalid key tag or value)" : "-0x2180 (X509 - The CRT/CRL/CSR format is invalid)"),
                        noRoom ? "declare the array without a size (" + arr + "[]) and pass sizeof(" + arr + ")"
                                : "pass sizeof(" + arr + ") or strlen((const char *) " + arr + ") + 1"));
            } else if (len < text) {
                out.add(Finding.error("len-too-short", where, fn + " is given " + len + " bytes (" + lenArg + ") but the PEM text in " + arr
                        + " is " + text + " characters: the end of the certificate is cut off ("
                        + (mbed ? "mbedTLS -0x2180" : "wolfSSL BUFFER_E -132") + ")",
                        "pass sizeof(" + arr + ")" + (mbed ? "" : " - 1")));
            }
        } else {
            int der = a.textLength();
            if (len < der) {
                out.add(Finding.error("len-too-short", where, fn + " is given " + len + " bytes (" + lenArg + ") but the DER in " + arr + " is "
                        + der + " bytes: the parse fails (" + (mbed ? "mbedTLS -0x2180" : "wolfSSL ASN_PARSE_E -140") + ")",
                        "pass sizeof(" + arr + ")"));
            } else if (len > der) {
                out.add(Finding.warning("len-mismatch", where, fn + " is given " + len + " bytes but the DER object in " + arr + " is " + der
                        + ": the extra bytes are ignored or rejected depending on the library", "pass exactly " + der + " bytes"));
            }
        }
    }
}
