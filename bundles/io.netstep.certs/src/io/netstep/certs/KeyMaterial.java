package io.netstep.certs;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key and what it was read from. {@link #toString()} never shows key material.
 *
 * @param privateKey the key (BouncyCastle or JDK implementation)
 * @param format     what the input was, e.g. "PKCS#8", "PKCS#1 RSA", "SEC1 EC", "encrypted PKCS#8"
 * @param source     where it came from, e.g. "client.key" or "client.key:12"
 */
public record KeyMaterial(PrivateKey privateKey, String format, String source) {

    public KeyMaterial {
        Objects.requireNonNull(privateKey);
    }

    /** "EC P-256", "RSA 2048", "Ed25519". */
    public String describe() {
        return Keys.describe(privateKey);
    }

    @Override public String toString() {
        return "KeyMaterial[" + describe() + ", " + format + ", " + source + "]";
    }
}
