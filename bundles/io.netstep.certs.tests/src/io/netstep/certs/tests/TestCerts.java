package io.netstep.certs.tests;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Certificates with exactly the property a test needs (expired, wrong EKU, small RSA, SHA-1…), made with BouncyCastle. */
final class TestCerts {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    record Issued(X509Certificate cert, KeyPair keys) { }

    /** Everything a certificate can vary in; defaults make a valid P-256 leaf for one year from T0. */
    static final class Spec {
        String subject = "CN=leaf.test,O=NetStep Tests";
        Instant from = T0.minus(Duration.ofDays(1));
        Instant to = T0.plus(Duration.ofDays(365));
        boolean ca;
        Integer pathLen;
        KeyPurposeId eku = KeyPurposeId.id_kp_serverAuth;
        Integer keyUsage = KeyUsage.digitalSignature;
        List<String> dnsNames = List.of("leaf.test");
        String keyType = "P-256";
        String sigAlg;

        Spec subject(String s) { subject = s; return this; }
        Spec valid(Instant f, Instant t) { from = f; to = t; return this; }
        Spec ca() { ca = true; eku = null; keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign; dnsNames = List.of(); return this; }
        Spec leafWithoutCaFlag() { ca = false; return this; }
        Spec eku(KeyPurposeId e) { eku = e; return this; }
        Spec keyUsage(Integer k) { keyUsage = k; return this; }
        Spec dns(String... n) { dnsNames = List.of(n); return this; }
        Spec key(String k) { keyType = k; return this; }
        Spec sigAlg(String s) { sigAlg = s; return this; }
    }

    static KeyPair keyPair(String type) throws Exception {
        if (type.startsWith("RSA-")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
            g.initialize(Integer.parseInt(type.substring(4)));
            return g.generateKeyPair();
        }
        if (type.equals("Ed25519")) return KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec(switch (type) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            default -> type;
        }));
        return g.generateKeyPair();
    }

    static Issued selfSignedCa(String name) throws Exception {
        return issue(new Spec().subject(name).ca(), null);
    }

    /** Issues {@code spec}; {@code issuer} null makes it self-signed. */
    static Issued issue(Spec spec, Issued issuer) throws Exception {
        KeyPair kp = keyPair(spec.keyType);
        X500Name subject = new X500Name(spec.subject);
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(spec.from), Date.from(spec.to), subject, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, spec.pathLen != null ? new BasicConstraints(spec.pathLen) : new BasicConstraints(spec.ca));
        if (spec.keyUsage != null) b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
        if (spec.eku != null) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.eku));
        if (!spec.dnsNames.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(spec.dnsNames.stream()
                    .map(n -> new GeneralName(n.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        }
        PrivateKey signer = issuer == null ? kp.getPrivate() : issuer.keys().getPrivate();
        String alg = spec.sigAlg != null ? spec.sigAlg : switch (signer.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
        X509Certificate c = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(signer)));
        return new Issued(c, kp);
    }

    private TestCerts() { }
}
