package io.netstep.preflight;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Judges the server's chain as the firmware will: signed by the user's CA, the right name, in date. */
final class ServerCertificates {

    private ServerCertificates() { }

    /** Signatures up to the user's CA only: dates are judged by {@link #dates}, so each cause is named once. */
    static StepResult chain(List<X509Certificate> chain, List<X509Certificate> ca) {
        X509Certificate top = chain.get(chain.size() - 1);
        String issuer = top.getIssuerX500Principal().getName();
        if (ca.isEmpty()) {
            return StepResult.warning(Check.SERVER_CHAIN, "not checked: no CA file given",
                    "the firmware must trust the CA that signed the broker's certificate (" + issuer + ")",
                    "give the CA file (--ca) the firmware will hold, so the preflight can check it");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        while (!path.isEmpty() && ca.contains(path.get(path.size() - 1))) path.remove(path.size() - 1);
        String caNames = ca.stream().map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.joining("; "));
        if (path.isEmpty()) return StepResult.ok(Check.SERVER_CHAIN, "the broker's certificate is in your CA file itself (" + caNames + ")");
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate c : ca) anchors.add(new TrustAnchor(c, null));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(timeWhenAllValid(chain, ca)));
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(cp, params);
            return StepResult.ok(Check.SERVER_CHAIN, "signed by " + caNames + " (from your CA file), "
                    + chain.size() + (chain.size() == 1 ? " certificate" : " certificates") + " sent");
        } catch (GeneralSecurityException e) {
            String fix = "give the firmware the CA that signed the broker's certificate (" + issuer
                    + "); for AWS IoT -ats endpoints that is Amazon Root CA 1";
            String firmware = " The firmware will fail the handshake (mbedTLS: -0x2700 X509 certificate verify failed, flag NOT_TRUSTED; wolfSSL: ASN_NO_SIGNER_E -188).";
            boolean sameName = ca.stream().anyMatch(c -> c.getSubjectX500Principal().equals(top.getIssuerX500Principal()));
            if (sameName) {
                return StepResult.failed(Check.SERVER_CHAIN, "not signed by your CA (same name, other key)",
                        "the broker's certificate is signed by " + issuer + "; your CA file has a CA of that name, but with"
                                + " another key (an older or re-made CA) — wrong CA." + firmware, fix);
            }
            return StepResult.failed(Check.SERVER_CHAIN, "wrong CA: the broker's certificate is signed by " + issuer,
                    "the broker's certificate is signed by " + issuer + ", your CA file is " + caNames + " — wrong CA." + firmware, fix);
        }
    }

    /** A moment when every certificate is inside its validity, so PKIX judges signatures only; now if there is none. */
    private static Instant timeWhenAllValid(List<X509Certificate> chain, Collection<X509Certificate> ca) {
        Instant from = Instant.EPOCH;
        Instant to = Instant.MAX;
        List<X509Certificate> all = new ArrayList<>(chain);
        all.addAll(ca);
        for (X509Certificate c : all) {
            if (c.getNotBefore().toInstant().isAfter(from)) from = c.getNotBefore().toInstant();
            if (c.getNotAfter().toInstant().isBefore(to)) to = c.getNotAfter().toInstant();
        }
        Instant now = Instant.now();
        if (!now.isBefore(from) && !now.isAfter(to)) return now;
        return from.isAfter(to) ? now : from.plusSeconds(1).isAfter(to) ? from : from.plusSeconds(1);
    }

    static StepResult name(X509Certificate leaf, String expected, boolean sniOn) {
        List<String> names = names(leaf);
        if (matches(leaf, expected)) return StepResult.ok(Check.SERVER_NAME, "the certificate names " + expected);
        String setting = sniOn ? "" : " (SNI is off: mbedTLS then checks no name at all unless mbedtls_ssl_set_hostname is called; wolfSSL only with wolfSSL_check_domain_name)";
        return StepResult.failed(Check.SERVER_NAME, "the certificate is for " + names + ", not for " + expected,
                "the broker's certificate names " + names + "; a firmware that checks the name against " + expected
                        + " fails (mbedTLS: -0x2700 with flag CN_MISMATCH)" + setting,
                "connect with one of " + names + " and set that name for SNI and the check (mbedtls_ssl_set_hostname / wolfSSL_UseSNI + wolfSSL_check_domain_name)");
    }

    static StepResult dates(List<X509Certificate> chain, Instant now) {
        for (X509Certificate c : chain) {
            String who = c == chain.get(0) ? "the broker's certificate" : "the chain certificate " + c.getSubjectX500Principal().getName();
            if (now.isAfter(c.getNotAfter().toInstant())) {
                return StepResult.failed(Check.SERVER_DATES, who + " expired on " + c.getNotAfter().toInstant(),
                        who + " is out of date since " + c.getNotAfter().toInstant() + "; a firmware with a clock (MBEDTLS_HAVE_TIME_DATE) rejects it (flag EXPIRED)",
                        "renew the broker's certificate");
            }
            if (now.isBefore(c.getNotBefore().toInstant())) {
                return StepResult.failed(Check.SERVER_DATES, who + " is not valid before " + c.getNotBefore().toInstant(),
                        who + " starts on " + c.getNotBefore().toInstant() + " (the broker's or this PC's clock is wrong?)",
                        "check the clocks; a device with a clock rejects it (flag FUTURE)");
            }
        }
        X509Certificate leaf = chain.get(0);
        Instant end = leaf.getNotAfter().toInstant();
        if (Duration.between(now, end).toDays() < 30) {
            return StepResult.warning(Check.SERVER_DATES, "valid, but only until " + end,
                    "the broker's certificate expires in " + Duration.between(now, end).toDays() + (Duration.between(now, end).toDays() == 1 ? " day" : " days"), "plan its renewal");
        }
        return StepResult.ok(Check.SERVER_DATES, "valid until " + end);
    }

    /** DNS and IP subject alternative names, else the subject CN (what the certificate is "for"). */
    static List<String> names(X509Certificate leaf) {
        List<String> out = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) out.add(String.valueOf(san.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // a broken SAN extension: fall back to the CN as old clients do
        }
        if (out.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) out.add(String.valueOf(rdn.getValue()));
                }
            } catch (InvalidNameException e) {
                // no usable subject
            }
        }
        return out;
    }

    /** RFC 6125 matching: a left-most "*" covers one label; addresses match IP SANs only. */
    static boolean matches(X509Certificate leaf, String name) {
        if (name == null) return false;
        String want = name.toLowerCase(Locale.ROOT);
        boolean ip = want.matches("[0-9.]+") || want.contains(":");
        for (String n : names(leaf)) {
            String have = n.toLowerCase(Locale.ROOT);
            if (ip) {
                if ((have.matches("[0-9.]+") || have.contains(":")) && sameAddress(have, want)) return true;
                continue;
            }
            if (have.equals(want)) return true;
            if (have.startsWith("*.") && want.indexOf('.') > 0 && want.substring(want.indexOf('.')).equals(have.substring(1))) return true;
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (Exception e) {
            return false;
        }
    }
}
