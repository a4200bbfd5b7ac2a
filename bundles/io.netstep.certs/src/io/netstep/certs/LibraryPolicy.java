package io.netstep.certs;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What mbedTLS 2.28 and wolfSSL 5.5 accept in their default configurations, so a
 * certificate that works on the PC is not rejected on the board:
 * <ul>
 * <li>mbedTLS 2.28 {@code mbedtls_x509_crt_profile_default}: RSA keys of 2048 bits and more,
 *     SHA-224 and stronger signatures (no SHA-1 unless
 *     {@code MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES}), every curve the build enables;
 *     no Ed25519/Ed448 certificates at all;</li>
 * <li>wolfSSL 5.5 {@code ./configure} defaults: RSA from {@code WOLFSSL_MIN_RSA_BITS} 1024 up
 *     to 4096 bits ({@code SP_INT_BITS}), EC from {@code ECC_MIN_KEY_SZ} 224 bits, NIST
 *     curves; brainpool and secp256k1 only with {@code --enable-brainpool} /
 *     {@code --enable-ecccustcurves}; Ed25519 only with {@code --enable-ed25519}.</li>
 * </ul>
 * The self-signature of a trust anchor is never checked by either library, so its hash is not judged.
 */
public final class LibraryPolicy {

    private LibraryPolicy() { }

    public static List<Finding> check(X509Certificate c, String where) {
        List<Finding> out = new ArrayList<>(checkKey(c.getPublicKey(), where, "certificate key"));
        boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        String sig = c.getSigAlgName().toUpperCase();
        if (!selfSigned && sig.contains("MD5")) {
            out.add(Finding.error("sig-md5", where, "signed with MD5 (" + c.getSigAlgName() + "): neither mbedTLS nor wolfSSL accepts it",
                    "reissue the certificate with SHA-256"));
        } else if (!selfSigned && (sig.startsWith("SHA1") || sig.contains("SHA1WITH"))) {
            out.add(Finding.error("sig-sha1", where, "signed with SHA-1 (" + c.getSigAlgName() + "): mbedTLS 2.28's default "
                    + "verification profile rejects it (MBEDTLS_X509_BADCERT_BAD_MD)",
                    "reissue the certificate with SHA-256 (or define MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES, not recommended)"));
        }
        return out;
    }

    public static List<Finding> check(KeyMaterial k) {
        return checkKey(k.privateKey(), k.source(), "private key");
    }

    static List<Finding> checkKey(Key key, String where, String what) {
        List<Finding> out = new ArrayList<>();
        String alg = Keys.algorithm(key);
        int bits = Keys.bits(key);
        switch (alg) {
            case "RSA" -> {
                if (bits < 1024) {
                    out.add(Finding.error("key-rsa-too-small", where, what + " is RSA " + bits + ": mbedTLS (minimum 2048) and wolfSSL "
                            + "(minimum 1024) both reject it", "use RSA 2048 or EC P-256"));
                } else if (bits < 2048) {
                    out.add(Finding.error("key-rsa-too-small", where, what + " is RSA " + bits + ": mbedTLS 2.28's default profile "
                            + "needs 2048 bits or more (MBEDTLS_X509_BADCERT_BAD_KEY); wolfSSL accepts it", "use RSA 2048 or EC P-256"));
                } else if (bits > 4096) {
                    out.add(Finding.error("key-rsa-too-large", where, what + " is RSA " + bits + ": wolfSSL's default math handles "
                            + "at most 4096 bits; mbedTLS needs a large MBEDTLS_MPI_MAX_SIZE and much RAM",
                            "use RSA 2048 or EC P-256"));
                }
            }
            case "EC" -> {
                String curve = Keys.curveName(key);
                String nist = curve == null ? null : Keys.nistName(curve);
                if (curve == null) {
                    out.add(Finding.error("key-curve-unsupported", where, what + " uses explicit or unknown EC parameters: "
                            + "mbedTLS and wolfSSL need a named curve", "use a named curve such as P-256 (prime256v1)"));
                } else if (bits < 224) {
                    out.add(Finding.error("key-curve-too-small", where, what + " is on " + curve + " (" + bits + " bits): wolfSSL "
                            + "rejects curves under 224 bits (ECC_MIN_KEY_SZ) and mbedTLS 3 dropped them", "use P-256"));
                } else if (nist == null || bits < 256) {
                    out.add(Finding.warning("key-curve-optional", where, what + " is on " + curve + ": mbedTLS 2.28 accepts it, "
                            + "but wolfSSL's default build supports only the NIST curves (P-256, P-384, P-521)",
                            "use P-256, or build wolfSSL with the curve enabled (--enable-brainpool / --enable-ecccustcurves)"));
                }
            }
            case "Ed25519", "Ed448", "EdDSA" -> out.add(Finding.error("key-eddsa", where, what + " is " + alg + ": mbedTLS 2.28 cannot "
                    + "use EdDSA certificates and wolfSSL needs --enable-ed25519/--enable-ed448", "use EC P-256"));
            default -> out.add(Finding.error("key-unsupported", where, what + " is " + alg + ": not usable for TLS with mbedTLS or wolfSSL",
                    "use EC P-256 or RSA 2048"));
        }
        return out;
    }
}
