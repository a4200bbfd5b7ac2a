package io.netstep.net.broker;

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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PKI for tests and the demo: a CA, a server certificate (SANs: localhost,
 * 127.0.0.1 and the names given) and a client certificate, made with BouncyCastle. Nothing
 * here is secret beyond the run; still, keys are only ever written to files with owner-only
 * permissions and never appear in {@link #toString()} or in logs.
 */
public final class TestPki {

    public enum KeyType { EC_P256, RSA_2048 }

    /** Names on the server certificate besides localhost / 127.0.0.1: the ones tests and the demo use. */
    public static final List<String> DEFAULT_SERVER_NAMES = List.of("broker.test", "broker.netstep.test");

    private static final char[] STORE_PASSWORD = "netstep".toCharArray();

    private final KeyType keyType;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final X509Certificate server;
    private final PrivateKey serverKey;
    private final X509Certificate client;
    private final PrivateKey clientKey;
    private final List<String> serverNames;

    private TestPki(KeyType keyType, X509Certificate ca, PrivateKey caKey, X509Certificate server, PrivateKey serverKey,
                    X509Certificate client, PrivateKey clientKey, List<String> serverNames) {
        this.keyType = keyType;
        this.ca = ca;
        this.caKey = caKey;
        this.server = server;
        this.serverKey = serverKey;
        this.client = client;
        this.clientKey = clientKey;
        this.serverNames = serverNames;
    }

    /** EC P-256 keys, the default names, client CN {@code netstep-client}. */
    public static TestPki generate() {
        return generate(KeyType.EC_P256, DEFAULT_SERVER_NAMES, "netstep-client");
    }

    public static TestPki generate(KeyType type, List<String> extraServerNames, String clientName) {
        try {
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
            names.addAll(extraServerNames);
            Instant now = Instant.now();
            KeyPair caPair = keyPair(type);
            X500Name caName = new X500Name("CN=NetStep Test CA,O=NetStep");
            X509v3CertificateBuilder cab = builder(caName, caName, caPair, now, Duration.ofDays(3650));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            cab.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caPair.getPublic()));
            X509Certificate ca = sign(cab, caPair.getPrivate(), type);

            KeyPair sPair = keyPair(type);
            X509v3CertificateBuilder sb = builder(caName, new X500Name("CN=" + names.stream().filter(n -> !n.equals("localhost")
                    && !n.equals("127.0.0.1")).findFirst().orElse("localhost") + ",O=NetStep"), sPair, now, Duration.ofDays(825));
            leafExtensions(sb, ext, ca, sPair, type, KeyPurposeId.id_kp_serverAuth);
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                if (n.matches("[0-9.]+")) sans.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress()));
                else sans.add(new GeneralName(GeneralName.dNSName, n));
            }
            sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            X509Certificate server = sign(sb, caPair.getPrivate(), type);

            KeyPair cPair = keyPair(type);
            X509v3CertificateBuilder cb = builder(caName, new X500Name("CN=" + clientName + ",O=NetStep"), cPair, now, Duration.ofDays(825));
            leafExtensions(cb, ext, ca, cPair, type, KeyPurposeId.id_kp_clientAuth);
            X509Certificate client = sign(cb, caPair.getPrivate(), type);
            return new TestPki(type, ca, caPair.getPrivate(), server, sPair.getPrivate(), client, cPair.getPrivate(), List.copyOf(names));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the test PKI: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.RSA_2048) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair, Instant now, Duration valid) {
        BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(valid)), subject, pair.getPublic());
    }

    private static void leafExtensions(X509v3CertificateBuilder b, JcaX509ExtensionUtils ext, X509Certificate ca, KeyPair pair,
                                       KeyType type, KeyPurposeId purpose) throws IOException, GeneralSecurityException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int usage = KeyUsage.digitalSignature | (type == KeyType.RSA_2048 ? KeyUsage.keyEncipherment : 0);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, KeyType type)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner s = new JcaContentSignerBuilder(type == KeyType.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    public KeyType keyType() { return keyType; }
    public X509Certificate caCertificate() { return ca; }
    public X509Certificate serverCertificate() { return server; }
    public X509Certificate clientCertificate() { return client; }
    public PrivateKey serverKey() { return serverKey; }
    public PrivateKey clientKey() { return clientKey; }
    /** The CA key, to sign more certificates (e.g. a second client). */
    public PrivateKey caKey() { return caKey; }
    public List<String> serverNames() { return serverNames; }

    /** Paths of the PEM files written by {@link #writePem}. */
    public record PemFiles(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) { }

    /**
     * Writes {@code ca.pem}, {@code server.pem}, {@code server.key}, {@code client.pem},
     * {@code client.key} into {@code dir} (created if missing); keys are PKCS#8 PEM, mode 0600.
     */
    public PemFiles writePem(Path dir) throws IOException {
        Files.createDirectories(dir);
        PemFiles f = new PemFiles(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"));
        Files.writeString(f.ca(), pem(ca));
        Files.writeString(f.serverCert(), pem(server));
        Files.writeString(f.clientCert(), pem(client));
        writeSecret(f.serverKey(), keyPem(serverKey));
        writeSecret(f.clientKey(), keyPem(clientKey));
        return f;
    }

    private static void writeSecret(Path p, String content) throws IOException {
        Files.deleteIfExists(p);
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(p); // not a POSIX file system
        }
        Files.write(p, content.getBytes(StandardCharsets.US_ASCII));
    }

    public static String pem(X509Certificate c) {
        return writePemObject(c);
    }

    /** PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); handle with care. */
    public static String keyPem(PrivateKey k) {
        try {
            return writePemObject(new JcaPKCS8Generator(k, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a key", e);
        }
    }

    private static String writePemObject(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return sw.toString();
    }

    /** Trusts the test CA only (for MQTT clients in tests and tools). */
    public TrustManagerFactory trustManagers() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("netstep-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store", e);
        }
    }

    /** The client certificate and key, for a client doing mutual TLS. */
    public KeyManagerFactory clientKeyManagers() {
        return keyManagers(clientKey, client);
    }

    KeyManagerFactory keyManagers(PrivateKey key, X509Certificate cert) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", key, STORE_PASSWORD, new X509Certificate[] { cert, ca });
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the key store", e);
        }
    }

    @Override public String toString() {
        return "TestPki[" + keyType + ", CA " + ca.getSubjectX500Principal() + ", server names " + serverNames
                + ", client " + client.getSubjectX500Principal() + "]";
    }
}
