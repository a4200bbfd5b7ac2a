package io.netstep.tls.tests;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA (EC P-256) with an RSA-2048 and an EC P-256 server certificate, made with BouncyCastle. */
final class TestCertificates {
    static final String HOST = "broker.example";
    static final Instant NOT_BEFORE = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final Instant NOT_AFTER = NOT_BEFORE.plus(30, ChronoUnit.DAYS);

    final KeyPair caKeys;
    final X509Certificate ca;
    final KeyPair rsaKeys;
    final X509Certificate rsa;
    final KeyPair ecKeys;
    final X509Certificate ec;

    TestCertificates() throws Exception {
        this("CN=NetStep Test CA,O=NetStep");
    }

    TestCertificates(String caName) throws Exception {
        caKeys = ec();
        ca = certificate(caName, caKeys, caName, caKeys, true);
        rsaKeys = rsa();
        rsa = certificate("CN=" + HOST + ",O=NetStep Broker", rsaKeys, caName, caKeys, false);
        ecKeys = ec();
        ec = certificate("CN=" + HOST + ",O=NetStep Broker", ecKeys, caName, caKeys, false);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, KeyPair issuerKeys,
            boolean isCa) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(System.nanoTime()), Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, HOST), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        String alg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
    }

    static void writePem(Path file, Object... objects) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (Object o : objects) {
                w.writeObject(o instanceof PrivateKey ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                        (PrivateKey) o, null) : o);
            }
        }
        Files.writeString(file, s.toString());
    }

    /** Writes rsa.pem/rsa.key/ec.pem/ec.key/ca.pem into dir (certificate files carry the CA after the leaf). */
    void writeTo(Path dir) throws IOException {
        writePem(dir.resolve("rsa.pem"), rsa, ca);
        writePem(dir.resolve("rsa.key"), rsaKeys.getPrivate());
        writePem(dir.resolve("ec.pem"), ec, ca);
        writePem(dir.resolve("ec.key"), ecKeys.getPrivate());
        writePem(dir.resolve("ca.pem"), ca);
    }
}
