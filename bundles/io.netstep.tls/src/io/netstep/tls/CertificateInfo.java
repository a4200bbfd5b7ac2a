package io.netstep.tls;

import java.time.Instant;
import java.util.List;

/**
 * One X.509 certificate from a Certificate message, parsed with BouncyCastle. Not validated
 * against any CA here.
 *
 * @param keyType "RSA", "EC", "Ed25519", … or the key algorithm OID
 * @param keyBits modulus size for RSA, field size for EC, -1 when unknown
 * @param curve named curve for EC keys, else null
 */
public record CertificateInfo(String subject, String issuer, String serialNumberHex, Instant notBefore,
        Instant notAfter, List<String> subjectAltNames, String keyType, int keyBits, String curve,
        String signatureAlgorithm, String sha256Fingerprint, boolean selfIssued, byte[] der) {

    /** A copy of the DER encoding. */
    @Override
    public byte[] der() {
        return der.clone();
    }

    public boolean isValidAt(Instant t) {
        return !t.isBefore(notBefore) && !t.isAfter(notAfter);
    }
}
