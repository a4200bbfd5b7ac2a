package io.netstep.net.broker;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    @Test void chainVerifiesAndServerNamesAreInTheSan() throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.EC_P256, List.of("broker.test", "demo.example"), "device-1");
        X509Certificate ca = pki.caCertificate();
        ca.verify(ca.getPublicKey());
        pki.serverCertificate().verify(ca.getPublicKey());
        pki.clientCertificate().verify(ca.getPublicKey());
        Set<String> sans = pki.serverCertificate().getSubjectAlternativeNames().stream()
                .map(l -> String.valueOf(l.get(1))).collect(Collectors.toSet());
        assertEquals(Set.of("localhost", "127.0.0.1", "broker.test", "demo.example"), sans);
        assertTrue(pki.serverCertificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertTrue(pki.clientCertificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertTrue(pki.clientCertificate().getSubjectX500Principal().getName().contains("CN=device-1"));
        assertTrue(ca.getBasicConstraints() >= 0, "CA:true");
        assertEquals(-1, pki.serverCertificate().getBasicConstraints(), "leaf");
    }

    @Test void rsaKeysToo() throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, List.of(), "c");
        assertEquals("RSA", pki.serverKey().getAlgorithm());
        pki.serverCertificate().verify(pki.caCertificate().getPublicKey());
    }

    @Test void pemFilesReadBackAndKeysArePrivate(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.generate();
        TestPki.PemFiles f = pki.writePem(dir.resolve("pki"));
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> ca = cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(f.ca())));
        assertEquals(pki.caCertificate(), ca.iterator().next());
        assertEquals(pki.serverCertificate(), cf.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(f.serverCert()))));
        String key = Files.readString(f.clientKey());
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(f.serverKey()));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(f.clientKey()));
        assertFalse(pki.toString().contains("PRIVATE"), "toString never shows a key");
    }
}
