package io.netstep.certs.scan;

import io.netstep.certs.KeyMaterial;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate or key array found in the project, with what it really contains.
 *
 * @param memory   the bytes as the compiler lays them out (string arrays: with their NUL when there is room)
 * @param pem      PEM text (else DER bytes)
 * @param textLength for PEM: the characters before the first NUL; for DER: the length the DER header announces
 * @param role     what the firmware uses it for
 * @param usedBy   the calls that take it, as {@code function at file:line}
 */
public record FoundArray(CArrayDecl decl, byte[] memory, boolean pem, int textLength, ArrayRole role, List<X509Certificate> certificates,
                         List<KeyMaterial> keys, List<String> usedBy) {

    public String where() {
        return decl.where();
    }

    public String name() {
        return decl.name();
    }

    /** "PEM, 2 certificates" / "DER, private key". */
    public String content() {
        StringBuilder b = new StringBuilder(pem ? "PEM" : "DER");
        if (!certificates.isEmpty()) b.append(", ").append(certificates.size()).append(certificates.size() == 1 ? " certificate" : " certificates");
        if (!keys.isEmpty()) b.append(", private key ").append(keys.get(0).describe());
        if (certificates.isEmpty() && keys.isEmpty()) b.append(", unreadable");
        return b.toString();
    }
}
