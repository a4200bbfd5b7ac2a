package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.certs.CertImport;
import io.netstep.certs.CertImportException;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.KeyMaterial;
import io.netstep.certs.Keys;
import io.netstep.net.broker.TestPki;

import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;

class CertImportTest {

    @TempDir Path tmp;

    private static final char[] PW = "s3cret".toCharArray();

    private static String pem(Object o) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    private static CertificateSet read(String text, char[] pw) throws CertImportException {
        return CertImport.read(text.getBytes(StandardCharsets.US_ASCII), "test.pem", pw);
    }

    @Test
    void pemChainWithTraditionalAndPkcs8Keys() throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, List.of("broker.test"), "dev");
        KeyPair ec = TestCerts.keyPair("P-256");
        String text = "Bag Attributes: ignored\n" + TestPki.pem(pki.serverCertificate()) + TestPki.pem(pki.caCertificate())
                + pem(pki.serverKey()) // BC writes an RSA key as PKCS#1 "RSA PRIVATE KEY"
                + pem(ec.getPrivate())  // and an EC key as SEC1 "EC PRIVATE KEY"
                + TestPki.keyPem(pki.clientKey());
        CertificateSet s = read(text, null);
        assertEquals(List.of(pki.serverCertificate(), pki.caCertificate()), s.certificates());
        assertEquals(List.of("PKCS#1 RSA", "SEC1 EC", "PKCS#8"), s.keys().stream().map(KeyMaterial::format).toList());
        assertTrue(Keys.matches(s.keys().get(0).privateKey(), pki.serverCertificate().getPublicKey()));
        assertTrue(Keys.matches(s.keys().get(1).privateKey(), ec.getPublic()));
        assertTrue(Keys.matches(s.keys().get(2).privateKey(), pki.clientCertificate().getPublicKey()));
        assertEquals("RSA 2048", s.keys().get(0).describe());
        assertEquals("EC P-256 (prime256v1)", s.keys().get(1).describe());
        assertTrue(!s.keys().get(0).toString().contains(pki.serverKey().getEncoded().toString()));
    }

    @Test
    void encryptedPkcs8NeedsTheRightPassword() throws Exception {
        KeyPair kp = TestCerts.keyPair("P-256");
        String enc = pem(new JcaPKCS8Generator(kp.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(TestCerts.BC).setPassword(PW).build()).generate());
        assertTrue(enc.contains("BEGIN ENCRYPTED PRIVATE KEY"));
        KeyMaterial k = read(enc, PW).keys().get(0);
        assertEquals("encrypted PKCS#8", k.format());
        assertTrue(Keys.matches(k.privateKey(), kp.getPublic()));
        assertTrue(assertThrows(CertImportException.class, () -> read(enc, "wrong".toCharArray())).getMessage().contains("password wrong"));
        assertTrue(assertThrows(CertImportException.class, () -> read(enc, null)).getMessage().contains("give its password"));
    }

    @Test
    void legacyOpenSslEncryptedKey() throws Exception {
        KeyPair kp = TestCerts.keyPair("RSA-2048");
        String enc = pem(new JcaMiscPEMGenerator(kp.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(TestCerts.BC).build(PW)));
        assertTrue(enc.contains("Proc-Type: 4,ENCRYPTED"), enc);
        assertTrue(Keys.matches(read(enc, PW).keys().get(0).privateKey(), kp.getPublic()));
        assertTrue(assertThrows(CertImportException.class, () -> read(enc, "nope".toCharArray())).getMessage().contains("password wrong"));
    }

    @Test
    void derCertificateAndKeysAreToldApartByStructure() throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, List.of(), "dev");
        X509Certificate c = pki.caCertificate();
        assertEquals(List.of(c), CertImport.read(c.getEncoded(), "ca.der", null).certificates());
        KeyMaterial pkcs8 = CertImport.read(pki.clientKey().getEncoded(), "k.der", null).keys().get(0);
        assertEquals("PKCS#8 (DER)", pkcs8.format());
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pki.clientKey().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        KeyMaterial rsa = CertImport.read(pkcs1, "k1.der", null).keys().get(0);
        assertEquals("PKCS#1 RSA (DER)", rsa.format());
        assertTrue(Keys.matches(rsa.privateKey(), pki.clientCertificate().getPublicKey()));
        byte[] cut = java.util.Arrays.copyOf(c.getEncoded(), c.getEncoded().length - 10);
        assertTrue(assertThrows(CertImportException.class, () -> CertImport.read(cut, "cut.der", null)).getMessage().contains("cut off"));
    }

    @Test
    void pkcs12WithPassword() throws Exception {
        TestPki pki = TestPki.generate();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", pki.clientKey(), PW, new X509Certificate[] { pki.clientCertificate(), pki.caCertificate() });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, PW);
        CertificateSet s = CertImport.read(out.toByteArray(), "device.p12", PW);
        assertEquals(List.of(pki.clientCertificate(), pki.caCertificate()), s.certificates());
        assertTrue(Keys.matches(s.keys().get(0).privateKey(), pki.clientCertificate().getPublicKey()));
        CertImportException e = assertThrows(CertImportException.class, () -> CertImport.read(out.toByteArray(), "device.p12", "bad".toCharArray()));
        assertEquals("device.p12: PKCS#12 password wrong", e.getMessage());
    }

    /** Files made by the real openssl tool: SEC1 with an EC PARAMETERS block, a PKCS#12 bundle. */
    @Test
    void opensslMadeFiles() throws Exception {
        Path key = tmp.resolve("ec.key");
        Path crt = tmp.resolve("ec.crt");
        Path p12 = tmp.resolve("ec.p12");
        exec("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
        exec("openssl", "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=openssl.test", "-days", "30", "-out", crt.toString());
        exec("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", crt.toString(), "-passout", "pass:s3cret", "-out", p12.toString());
        CertificateSet k = CertImport.read(key, null);
        assertEquals("SEC1 EC", k.keys().get(0).format());
        assertTrue(k.notes().stream().anyMatch(n -> n.message().contains("EC PARAMETERS")));
        X509Certificate c = CertImport.read(crt, null).certificates().get(0);
        assertTrue(Keys.matches(k.keys().get(0).privateKey(), c.getPublicKey()));
        CertificateSet p = CertImport.read(p12, PW);
        assertEquals(List.of(c), p.certificates());
        assertTrue(Keys.matches(p.keys().get(0).privateKey(), c.getPublicKey()));
    }

    private void exec(String... cmd) throws Exception {
        NativeBuild.Run r = NativeBuild.exec(tmp, List.of(cmd));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void garbageGetsAClearMessageWithTheLine() throws Exception {
        String good = TestPki.pem(TestPki.generate().caCertificate());
        String[] lines = good.split("\n");
        lines[2] = lines[2].substring(0, 5) + "\\" + lines[2].substring(6);
        CertImportException e = assertThrows(CertImportException.class, () -> read(String.join("\n", lines), null));
        assertTrue(e.getMessage().startsWith("test.pem line 3: not base64: '\\' (a backslash)"), e.getMessage());

        String mismatch = good.replace("END CERTIFICATE", "END PRIVATE KEY");
        assertTrue(assertThrows(CertImportException.class, () -> read(mismatch, null)).getMessage().contains("is closed by \"-----END PRIVATE KEY-----\""));
        String cut = good.substring(0, good.length() / 2);
        assertTrue(assertThrows(CertImportException.class, () -> read(cut, null)).getMessage().contains("has no END line"));
        assertEquals("x.pem: the file is empty", assertThrows(CertImportException.class, () -> CertImport.read(new byte[0], "x.pem", null)).getMessage());
        String bare = good.replaceAll("-----[A-Z ]+-----\n?", "");
        assertTrue(assertThrows(CertImportException.class, () -> read(bare, null)).getMessage().contains("base64 without its -----BEGIN/-----END lines"));
        assertTrue(assertThrows(CertImportException.class, () -> read("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", null))
                .getMessage().contains("no certificate or private key"));
    }

    /** Damaged input of every kind ends in a CertImportException or a result, never another exception. */
    @Test
    void damagedInputNeverThrowsAnythingElse() throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, List.of(), "dev");
        List<byte[]> seeds = List.of(pki.caCertificate().getEncoded(), pki.clientKey().getEncoded(),
                (TestPki.pem(pki.serverCertificate()) + TestPki.keyPem(pki.serverKey())).getBytes(StandardCharsets.US_ASCII));
        Random rnd = new Random(6);
        int rejected = 0;
        for (int i = 0; i < 600; i++) {
            byte[] d = seeds.get(i % seeds.size()).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextBoolean()) d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length) + 1);
            try {
                CertImport.read(d, "fuzz", null);
            } catch (CertImportException e) {
                assertTrue(!e.getMessage().isBlank());
                rejected++;
            }
        }
        assertTrue(rejected > 300, "most damaged inputs must be rejected, got " + rejected);
        Files.writeString(tmp.resolve("x"), "x");
    }
}
