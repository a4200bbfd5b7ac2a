package io.netstep.certs;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Validates certificates the way the firmware's TLS library will: chain to the CA, dates
 * against a given clock, key usage / extended key usage for the purpose, key matches
 * certificate, host name against the subject alternative names, and key sizes / curves /
 * signature hashes that mbedTLS 2.28 and wolfSSL 5.5 accept ({@link LibraryPolicy}).
 */
public final class CertValidator {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String ANY_EKU = "2.5.29.37.0";

    private CertValidator() { }

    public static List<Finding> validate(ValidationRequest r) {
        List<Finding> out = new ArrayList<>();
        for (X509Certificate a : r.trustAnchors()) {
            out.addAll(checkIsCa(a, ChainCheck.name(a)));
            out.addAll(dates(a, r.now(), ChainCheck.name(a)));
        }
        for (X509Certificate c : r.chain()) {
            if (!r.trustAnchors().contains(c)) out.addAll(dates(c, r.now(), ChainCheck.name(c)));
            out.addAll(LibraryPolicy.check(c, ChainCheck.name(c)));
        }
        if (r.chain().isEmpty()) {
            if (r.key() != null) out.addAll(LibraryPolicy.check(r.key()));
            return out;
        }
        X509Certificate leaf = r.chain().get(0);
        String where = ChainCheck.name(leaf);
        out.addAll(ChainCheck.check(r.chain(), r.trustAnchors(), where));
        out.addAll(purpose(leaf, r.purpose(), where));
        if (r.key() != null && !Keys.matches(r.key().privateKey(), leaf.getPublicKey())) {
            out.add(Finding.error("key-mismatch", r.key().source(), "the private key (" + r.key().describe() + ") does not belong to the certificate \""
                    + where + "\" (" + Keys.describe(leaf.getPublicKey()) + "): the handshake fails when the key signs "
                    + "or the broker rejects the device's CertificateVerify (mbedtls_pk_check_pair() and wolfSSL_CTX_check_private_key() fail)",
                    "use the key that was generated together with this certificate (the one its CSR was made from)"));
        }
        if (r.hostname() != null && !r.hostname().isBlank() && r.purpose() == Purpose.SERVER) {
            out.addAll(hostname(leaf, r.hostname().trim(), where));
        }
        return out;
    }

    public static List<Finding> dates(X509Certificate c, Instant now, String where) {
        List<Finding> out = new ArrayList<>();
        Instant nb = c.getNotBefore().toInstant();
        Instant na = c.getNotAfter().toInstant();
        if (now.isBefore(nb)) {
            out.add(Finding.error("cert-not-yet-valid", where, "not valid yet: valid from " + nb + " (clock: " + now + "). A device "
                    + "without a set clock (no RTC, no SNTP) often sees 1970 or 2000: mbedTLS reports MBEDTLS_X509_BADCERT_FUTURE",
                    "set the device clock (SNTP) before the handshake, or check the certificate's start date"));
        } else if (now.isAfter(na)) {
            out.add(Finding.error("cert-expired", where, "expired on " + na + " (clock: " + now + "): mbedTLS reports "
                    + "MBEDTLS_X509_BADCERT_EXPIRED, wolfSSL ASN_AFTER_DATE_E (-151)", "get a new certificate"));
        } else if (Duration.between(now, na).compareTo(Duration.ofDays(30)) < 0) {
            out.add(Finding.warning("cert-expires-soon", where, "expires on " + na + ", in less than 30 days", "renew it"));
        }
        return out;
    }

    /** A certificate used as the CA must be one: a leaf there is the classic "certificate instead of CA". */
    public static List<Finding> checkIsCa(X509Certificate a, String where) {
        if (a.getBasicConstraints() >= 0) return List.of();
        if (ChainCheck.selfSigned(a)) {
            return List.of(Finding.warning("ca-self-signed-leaf", where, "\"" + ChainCheck.name(a) + "\" is self-signed but not a CA "
                    + "(no basicConstraints CA:TRUE): it works only as the broker's exact certificate, never as an issuer",
                    "use a CA certificate, or make sure the broker presents exactly this certificate"));
        }
        return List.of(Finding.error("ca-is-leaf", where, "\"" + ChainCheck.name(a) + "\" is used as the CA but it is an end-entity "
                + "certificate issued by \"" + a.getIssuerX500Principal().getName() + "\", not a CA: the broker's chain will not verify",
                "use the CA certificate \"" + a.getIssuerX500Principal().getName() + "\" (the issuer) instead"));
    }

    static List<Finding> purpose(X509Certificate leaf, Purpose p, String where) {
        List<Finding> out = new ArrayList<>();
        boolean[] ku = leaf.getKeyUsage();
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            eku = null;
        }
        boolean isCa = leaf.getBasicConstraints() >= 0;
        boolean rsa = Keys.algorithm(leaf.getPublicKey()).equals("RSA");
        switch (p) {
            case SERVER, CLIENT -> {
                String oid = p == Purpose.SERVER ? SERVER_AUTH : CLIENT_AUTH;
                String word = p == Purpose.SERVER ? "serverAuth" : "clientAuth";
                if (eku != null && !eku.contains(oid) && !eku.contains(ANY_EKU)) {
                    out.add(Finding.error("eku-no-" + (p == Purpose.SERVER ? "server" : "client") + "-auth", where,
                            "the extended key usage does not allow " + word + " (it has " + ekuNames(eku) + "): mbedTLS reports "
                                    + "MBEDTLS_X509_BADCERT_EXT_KEY_USAGE", "issue the certificate with extendedKeyUsage " + word));
                }
                if (ku != null && !ku[0] && !(rsa && p == Purpose.SERVER && ku[2])) {
                    out.add(Finding.error("ku-no-digital-signature", where, "the key usage lacks digitalSignature"
                            + (rsa && p == Purpose.SERVER ? " and keyEncipherment" : "") + ": the key cannot sign the handshake "
                            + "(MBEDTLS_X509_BADCERT_KEY_USAGE)", "issue the certificate with keyUsage digitalSignature"));
                }
                if (isCa) {
                    out.add(Finding.warning("leaf-is-ca", where, "a CA certificate used as the " + (p == Purpose.SERVER ? "server's" : "device's")
                            + " own certificate", "issue an end-entity certificate (basicConstraints CA:FALSE) from the CA"));
                }
            }
            case CA -> out.addAll(checkIsCa(leaf, where));
            case ANY -> { }
        }
        return out;
    }

    private static String ekuNames(List<String> eku) {
        List<String> n = new ArrayList<>();
        for (String o : eku) {
            n.add(switch (o) {
                case SERVER_AUTH -> "serverAuth";
                case CLIENT_AUTH -> "clientAuth";
                case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
                case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
                default -> o;
            });
        }
        return String.join(", ", n);
    }

    static List<Finding> hostname(X509Certificate leaf, String host, String where) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) for (List<?> s : sans) {
                int type = (Integer) s.get(0);
                if (type == 2) dns.add(String.valueOf(s.get(1)).toLowerCase(Locale.ROOT));
                if (type == 7) ips.add(normalizeIp(String.valueOf(s.get(1))));
            }
        } catch (CertificateParsingException e) {
            // no usable SANs: the CN rule below applies
        }
        String h = host.toLowerCase(Locale.ROOT);
        boolean ipLiteral = h.matches("[0-9.]+") || h.contains(":");
        if (ipLiteral ? ips.contains(normalizeIp(h)) : dns.stream().anyMatch(d -> dnsMatches(d, h))) return List.of();
        String cn = commonName(leaf);
        if (dns.isEmpty() && ips.isEmpty() && cn != null && dnsMatches(cn.toLowerCase(Locale.ROOT), h)) {
            return List.of(Finding.warning("hostname-cn-only", where, "\"" + host + "\" matches only the common name: the certificate has no "
                    + "subject alternative names; mbedTLS and wolfSSL accept this, browsers and AWS-style checks do not",
                    "reissue the certificate with subjectAltName DNS:" + host));
        }
        List<String> all = new ArrayList<>(dns);
        all.addAll(ips);
        return List.of(Finding.error("hostname-mismatch", where, "the firmware connects to \"" + host + "\" but the certificate is for "
                + (all.isEmpty() ? "CN " + cn : String.join(", ", all)) + ": mbedTLS reports MBEDTLS_X509_BADCERT_CN_MISMATCH "
                + "(from mbedtls_ssl_set_hostname), wolfSSL DOMAIN_NAME_MISMATCH (-322)",
                "connect with a name the certificate has, or reissue it with subjectAltName for \"" + host + "\""));
    }

    static boolean dnsMatches(String pattern, String host) {
        if (pattern.equals(host)) return true;
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return false;
    }

    private static String normalizeIp(String ip) {
        try {
            if (ip.matches("[0-9.]+") || ip.contains(":")) return InetAddress.getByName(ip).getHostAddress();
        } catch (Exception e) {
            // not an address literal
        }
        return ip;
    }

    static String commonName(X509Certificate c) {
        for (String part : c.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) return part.substring(3);
        }
        return null;
    }
}
