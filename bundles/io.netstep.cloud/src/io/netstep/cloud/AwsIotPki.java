package io.netstep.cloud;

import io.netstep.net.broker.TestPki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates of the emulated AWS IoT account: a CA standing in for Amazon Root CA 1 (it
 * signs the endpoint certificate, SANs the endpoint name and {@code *.iot.REGION.amazonaws.com})
 * and, in the role of AWS IoT's certificate service, the device certificates of things.
 */
public final class AwsIotPki {

    private static final char[] STORE_PASSWORD = "netstep".toCharArray();

    /** A device certificate and key, attached to a thing. The key never appears in {@link #toString()}. */
    public record Device(String thingName, X509Certificate certificate, PrivateKey key, X509Certificate ca) {

        /** For a client doing mutual TLS (HiveMQ's {@code keyManagerFactory}). */
        public KeyManagerFactory keyManagers() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("device", key, STORE_PASSWORD, new X509Certificate[] { certificate });
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, STORE_PASSWORD);
                return kmf;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build the device key store", e);
            }
        }

        /** The files AWS hands out when a thing is created: {@code AmazonRootCA1.pem}, {@code THING.cert.pem}, {@code THING.private.key} (0600). */
        public DeviceFiles writePem(Path dir) throws IOException {
            Files.createDirectories(dir);
            DeviceFiles f = new DeviceFiles(dir.resolve("AmazonRootCA1.pem"), dir.resolve(thingName + ".cert.pem"), dir.resolve(thingName + ".private.key"));
            Files.writeString(f.rootCa(), TestPki.pem(ca));
            Files.writeString(f.certificate(), TestPki.pem(certificate));
            Files.deleteIfExists(f.privateKey());
            try {
                Files.createFile(f.privateKey(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(f.privateKey());
            }
            Files.write(f.privateKey(), TestPki.keyPem(key).getBytes(StandardCharsets.US_ASCII));
            return f;
        }

        @Override public String toString() {
            return "Device[thing " + thingName + ", " + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** Paths written by {@link Device#writePem}. */
    public record DeviceFiles(Path rootCa, Path certificate, Path privateKey) { }

    private final TestPki pki;
    private final Device device;

    private AwsIotPki(TestPki pki, Device device) {
        this.pki = pki;
        this.device = device;
    }

    /** A CA, the endpoint certificate and the certificate of {@code options.thingName()}. */
    public static AwsIotPki generate(AwsIotOptions options) {
        String wildcard = "*.iot." + options.region() + ".amazonaws.com";
        TestPki p = TestPki.generate(options.keyType(), List.of(options.endpoint(), wildcard), options.thingName());
        return new AwsIotPki(p, new Device(options.thingName(), p.clientCertificate(), p.clientKey(), p.caCertificate()));
    }

    public X509Certificate caCertificate() { return pki.caCertificate(); }
    public X509Certificate endpointCertificate() { return pki.serverCertificate(); }
    /** The device certificate of the profile's thing. */
    public Device device() { return device; }
    public TestPki testPki() { return pki; }

    /** Trusts the profile's CA only: what a device uses to check the endpoint. */
    public TrustManagerFactory trustManagers() {
        return pki.trustManagers();
    }

    /** A new device certificate signed by the profile's CA, CN = the thing name (attach it with {@link AwsIotEmulator#attachThing}). */
    public Device issueDevice(String thingName) {
        try {
            boolean rsa = pki.keyType() == TestPki.KeyType.RSA_2048;
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) g.initialize(2048);
            else g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X509Certificate ca = pki.caCertificate();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(825))), new X500Name("CN=" + thingName + ",O=NetStep"), kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(rsa ? "SHA256withRSA" : "SHA256withECDSA").build(pki.caKey())));
            return new Device(thingName, cert, kp.getPrivate(), ca);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a device certificate for " + thingName + ": " + e.getMessage(), e);
        }
    }

    /** The server side: the endpoint certificate (with the CA), client certificates checked against the CA. */
    SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("endpoint", pki.serverKey(), STORE_PASSWORD,
                    new X509Certificate[] { pki.serverCertificate(), pki.caCertificate() });
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), pki.trustManagers().getTrustManagers(), new SecureRandom());
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the endpoint's TLS context", e);
        }
    }
}
