package io.netstep.certs;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns certificates and keys into C: a header with {@code extern const} arrays and length
 * constants, and a source with the data, wrapped one PEM line (or 12 DER bytes) per line.
 * <ul>
 * <li>mbedTLS, PEM: the array ends with the NUL and {@code NAME_len == sizeof(NAME)}:
 *     {@code mbedtls_x509_crt_parse()} and {@code mbedtls_pk_parse_key()} only take a buffer as
 *     PEM when its last byte is that NUL (strlen + 1);</li>
 * <li>wolfSSL, PEM: {@code NAME_len} is the text length and {@code NAME_FORMAT} is
 *     {@code WOLFSSL_FILETYPE_PEM};</li>
 * <li>DER (both): exact byte length; wolfSSL format {@code WOLFSSL_FILETYPE_ASN1}; one
 *     array per certificate, because a DER buffer holds one object.</li>
 * </ul>
 * A {@code _Static_assert} in the source ties the length macro to the array, so a hand edit
 * that breaks it fails to compile instead of failing the handshake.
 */
public final class CArrayWriter {

    private static final int DER_BYTES_PER_LINE = 12;

    private CArrayWriter() { }

    /** One object to emit: a certificate group (PEM: a chain in one string) or a key. */
    private record Entry(String name, String what, byte[] data, boolean pem, Role role) { }

    private enum Role { CA, OWN_CERT, KEY }

    public static CArrays toC(CertificateSet set, TlsLibrary lib, CFormat format, String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a C identifier (letters, digits, _; not starting with a digit)");
        }
        if (set.isEmpty()) throw new IllegalArgumentException(set.source() + ": nothing to convert");
        List<Entry> entries = new ArrayList<>();
        boolean both = !set.certificates().isEmpty() && !set.keys().isEmpty();
        List<X509Certificate> certs = set.certificates();
        if (!certs.isEmpty()) {
            String base = both ? name + "_cert" : name;
            Role role = certs.stream().allMatch(c -> c.getBasicConstraints() >= 0) ? Role.CA : Role.OWN_CERT;
            if (format == CFormat.PEM) {
                StringBuilder pem = new StringBuilder();
                for (X509Certificate c : certs) pem.append(pem("CERTIFICATE", encoded(c)));
                entries.add(new Entry(base, describe(certs), pem.toString().getBytes(StandardCharsets.US_ASCII), true, role));
            } else {
                for (int i = 0; i < certs.size(); i++) {
                    entries.add(new Entry(certs.size() == 1 ? base : base + "_" + i, describe(List.of(certs.get(i))),
                            encoded(certs.get(i)), false, role));
                }
            }
        }
        for (int i = 0; i < set.keys().size(); i++) {
            KeyMaterial k = set.keys().get(i);
            String base = (both || !certs.isEmpty() ? name + "_key" : name) + (i == 0 ? "" : "_" + (i + 1));
            byte[] pkcs8 = k.privateKey().getEncoded();
            entries.add(format == CFormat.PEM
                    ? new Entry(base, "private key, " + k.describe() + ", PKCS#8", pem("PRIVATE KEY", pkcs8).getBytes(StandardCharsets.US_ASCII), true, Role.KEY)
                    : new Entry(base, "private key, " + k.describe() + ", PKCS#8 DER", pkcs8, false, Role.KEY));
        }
        return render(name, entries, lib, !set.keys().isEmpty());
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
        }
    }

    static String pem(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder b = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) b.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        return b.append("-----END ").append(label).append("-----\n").toString();
    }

    private static String describe(List<X509Certificate> certs) {
        List<String> parts = new ArrayList<>();
        for (X509Certificate c : certs) {
            parts.add((c.getBasicConstraints() >= 0 ? "CA certificate" : "certificate") + " \"" + ChainCheck.name(c).replace("*/", "* /")
                    + "\", valid until " + c.getNotAfter().toInstant().toString().substring(0, 10));
        }
        return String.join(";\n *   then ", parts);
    }

    private static CArrays render(String name, List<Entry> entries, TlsLibrary lib, boolean secret) {
        String guard = name.toUpperCase(Locale.ROOT) + "_H";
        String lenType = lib == TlsLibrary.MBEDTLS ? "size_t" : "long";
        StringBuilder h = new StringBuilder();
        h.append("/* ").append(name).append(".h: generated by NetStep (netstep certs to-c) for ").append(lib.label())
                .append(". Do not edit by hand: regenerate.\n");
        if (secret) h.append(" * Holds a PRIVATE KEY: keep it out of public repositories.\n");
        for (Entry e : entries) {
            h.append(" *\n * ").append(e.name()).append(": ").append(e.what()).append(",\n *   ").append(e.pem() ? "PEM" : "DER")
                    .append(", ").append(lengthComment(e, lib)).append("\n *   use: ").append(usage(e, lib)).append('\n');
        }
        h.append(" */\n#ifndef ").append(guard).append("\n#define ").append(guard).append("\n\n#include <stddef.h>\n\n");
        for (Entry e : entries) {
            String up = e.name().toUpperCase(Locale.ROOT);
            h.append("#define ").append(up).append("_LEN ").append(length(e, lib)).append("u\n");
            if (lib == TlsLibrary.WOLFSSL) {
                h.append("#define ").append(up).append("_FORMAT ").append(e.pem() ? "WOLFSSL_FILETYPE_PEM" : "WOLFSSL_FILETYPE_ASN1").append('\n');
            }
            h.append("extern const unsigned char ").append(e.name()).append("[];\n");
            h.append("extern const ").append(lenType).append(' ').append(e.name()).append("_len;\n\n");
        }
        h.append("#endif /* ").append(guard).append(" */\n");

        StringBuilder c = new StringBuilder();
        c.append("/* ").append(name).append(".c: generated by NetStep (netstep certs to-c) for ").append(lib.label())
                .append("; see ").append(name).append(".h. */\n#include \"").append(name).append(".h\"\n");
        for (Entry e : entries) {
            String up = e.name().toUpperCase(Locale.ROOT);
            c.append("\nconst unsigned char ").append(e.name()).append("[] =");
            if (e.pem()) {
                c.append('\n');
                String text = new String(e.data(), StandardCharsets.US_ASCII);
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length - 1; i++) {
                    c.append("    \"").append(escape(lines[i])).append("\\n\"").append(i == lines.length - 2 ? ";" : "").append('\n');
                }
            } else {
                c.append(" {\n");
                byte[] d = e.data();
                for (int i = 0; i < d.length; i += DER_BYTES_PER_LINE) {
                    c.append("   ");
                    for (int j = i; j < Math.min(d.length, i + DER_BYTES_PER_LINE); j++) {
                        c.append(String.format(" 0x%02x", d[j] & 0xff)).append(j == d.length - 1 ? "" : ",");
                    }
                    c.append('\n');
                }
                c.append("};\n");
            }
            boolean nulCounted = !e.pem() || lib == TlsLibrary.MBEDTLS;
            c.append("const ").append(lenType).append(' ').append(e.name()).append("_len = sizeof(").append(e.name()).append(')')
                    .append(nulCounted ? "" : " - 1").append(";\n");
            c.append("_Static_assert(sizeof(").append(e.name()).append(") == ").append(up).append("_LEN")
                    .append(e.pem() && !nulCounted ? " + 1" : "").append(",\n               \"").append(e.name())
                    .append(": length macro does not match the data\");\n");
        }
        return new CArrays(name + ".h", h.toString(), name + ".c", c.toString(), secret);
    }

    private static int length(Entry e, TlsLibrary lib) {
        return e.pem() && lib == TlsLibrary.MBEDTLS ? e.data().length + 1 : e.data().length;
    }

    private static String lengthComment(Entry e, TlsLibrary lib) {
        if (!e.pem()) return length(e, lib) + " bytes, exact";
        if (lib == TlsLibrary.MBEDTLS) return length(e, lib) + " bytes INCLUDING the terminating NUL (mbedTLS needs it to see PEM)";
        return length(e, lib) + " bytes of text (the array also ends with a NUL, not counted)";
    }

    private static String usage(Entry e, TlsLibrary lib) {
        String n = e.name();
        if (lib == TlsLibrary.MBEDTLS) {
            return switch (e.role()) {
                case CA -> "mbedtls_x509_crt_parse(&cacert, " + n + ", " + n + "_len); mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);";
                case OWN_CERT -> "mbedtls_x509_crt_parse(&clicert, " + n + ", " + n + "_len); mbedtls_ssl_conf_own_cert(&conf, &clicert, &pkey);";
                case KEY -> "mbedtls_pk_parse_key(&pkey, " + n + ", " + n + "_len, NULL, 0);";
            };
        }
        String fmt = n.toUpperCase(Locale.ROOT) + "_FORMAT";
        return switch (e.role()) {
            case CA -> "wolfSSL_CTX_load_verify_buffer(ctx, " + n + ", " + n + "_len, " + fmt + ");";
            case OWN_CERT -> e.pem() ? "wolfSSL_CTX_use_certificate_chain_buffer(ctx, " + n + ", " + n + "_len);"
                    : "wolfSSL_CTX_use_certificate_buffer(ctx, " + n + ", " + n + "_len, " + fmt + ");";
            case KEY -> "wolfSSL_CTX_use_PrivateKey_buffer(ctx, " + n + ", " + n + "_len, " + fmt + ");";
        };
    }

    /** A C string literal body: printable ASCII as is; quote, backslash, '?' and the rest escaped (octal: no hex run-on). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch == '?') b.append("\\?"); // no trigraphs
            else if (ch >= 0x20 && ch < 0x7f) b.append(ch);
            else b.append(String.format("\\%03o", ch & 0xff));
        }
        return b.toString();
    }
}
