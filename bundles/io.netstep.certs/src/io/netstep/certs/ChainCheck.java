package io.netstep.certs;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a chain from the leaf up to one of the given CAs by issuer name and signature,
 * checking that every issuer really is a CA (basic constraints, key usage, path length).
 * Plain words instead of a PKIX exception, because the user's question is "which CA do I need".
 */
public final class ChainCheck {

    private ChainCheck() { }

    /** Short name of a certificate for messages: its subject. */
    public static String name(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    public static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c);
    }

    public static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey(), Keys.BC);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** True when {@code chain} (leaf first) reaches one of {@code anchors}. */
    public static boolean trusted(List<X509Certificate> chain, List<X509Certificate> anchors) {
        return check(chain, anchors, "").stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public static List<Finding> check(List<X509Certificate> chain, List<X509Certificate> anchors, String where) {
        List<Finding> out = new ArrayList<>();
        if (chain.isEmpty() || anchors.isEmpty()) return out;
        List<X509Certificate> pool = new ArrayList<>(chain.subList(1, chain.size()));
        pool.addAll(anchors);
        X509Certificate cur = chain.get(0);
        int intermediates = 0;
        for (int guard = 0; guard < 16; guard++) {
            // a trusted certificate ends the chain only if it is a CA or self-signed: mbedTLS does not trust a leaf that
            // merely sits in the CA list
            if (anchors.contains(cur) && (cur.getBasicConstraints() >= 0 || selfSigned(cur))) return out;
            X509Certificate issuer = null;
            boolean nameMatched = false;
            for (X509Certificate p : pool) {
                if (p.equals(cur) || !p.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) continue;
                nameMatched = true;
                if (signedBy(cur, p)) {
                    issuer = p;
                    break;
                }
            }
            if (issuer == null) {
                out.add(nameMatched
                        ? Finding.error("chain-bad-signature", where, "\"" + name(cur) + "\" names \"" + cur.getIssuerX500Principal().getName()
                                + "\" as its issuer and a CA of that name was given, but its signature does not verify with that CA's key:"
                                + " a different CA with the same name (was the CA regenerated?)",
                                "use the CA certificate that really signed it (compare the Authority Key Identifier)")
                        : Finding.error("chain-wrong-ca", where, "\"" + name(cur) + "\" was issued by \"" + cur.getIssuerX500Principal().getName()
                                + "\", but the CA given is " + names(anchors) + ": the handshake fails with "
                                + "MBEDTLS_X509_BADCERT_NOT_TRUSTED / wolfSSL ASN_NO_SIGNER_E (-188)",
                                "use the certificate of \"" + cur.getIssuerX500Principal().getName() + "\" (or its root) as the CA"));
                return out;
            }
            if (issuer.getBasicConstraints() < 0) {
                out.add(Finding.error("chain-issuer-not-ca", where, "\"" + name(issuer) + "\" signed \"" + name(cur)
                        + "\" but is not a CA certificate (basicConstraints CA:FALSE or absent): mbedTLS and wolfSSL refuse it as an issuer",
                        "issue the certificates from a real CA certificate (basicConstraints critical, CA:TRUE)"));
            } else if (issuer.getKeyUsage() != null && !issuer.getKeyUsage()[5]) {
                out.add(Finding.error("chain-issuer-no-certsign", where, "CA \"" + name(issuer) + "\" has a key usage without keyCertSign",
                        "reissue the CA certificate with keyUsage keyCertSign, cRLSign"));
            }
            if (issuer.getBasicConstraints() >= 0 && issuer.getBasicConstraints() < intermediates) {
                out.add(Finding.error("chain-path-length", where, "CA \"" + name(issuer) + "\" allows " + issuer.getBasicConstraints()
                        + " intermediate CA(s) below it but the chain has " + intermediates, "shorten the chain or reissue the CA"));
            }
            if (anchors.contains(issuer)) return out;
            // path length counts the CAs between the issuer and the leaf
            intermediates++;
            cur = issuer;
            if (selfSigned(cur) && !anchors.contains(cur)) {
                out.add(Finding.error("chain-wrong-ca", where, "the chain ends at the root \"" + name(cur) + "\", which is not the CA given "
                        + names(anchors), "use \"" + name(cur) + "\" as the CA"));
                return out;
            }
        }
        return out;
    }

    static String names(List<X509Certificate> certs) {
        List<String> n = new ArrayList<>();
        for (X509Certificate c : certs) n.add("\"" + name(c) + "\"");
        return String.join(", ", n);
    }
}
