package io.netstep.preflight;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight against real mosquitto brokers on 127.0.0.1: the right cause for each failure, and a clean pass. */
class PreflightTest {

    private static PreflightSettings tlsSettings(MosquittoBroker m, Path ca) throws Exception {
        return new PreflightSettings().host("broker.test").address(InetAddress.getLoopbackAddress()).port(m.port())
                .tlsVersion(PreflightSettings.TlsVersion.TLS_1_2).caFile(ca).clientId("preflight-test").ioTimeoutMillis(4000);
    }

    private static String describe(PreflightReport r) {
        StringBuilder sb = new StringBuilder(r.verdict());
        for (StepResult s : r.steps()) sb.append('\n').append(s).append(s.cause().isEmpty() ? "" : " | why: " + s.cause());
        return sb.toString();
    }

    /** Certificate message = 4-byte handshake header + 3-byte list length + per entry 3-byte length + DER (TLS 1.2, RFC 5246 7.4.2). */
    private static int certificateMessageLength(List<X509Certificate> chain) throws Exception {
        int n = 4 + 3;
        for (X509Certificate c : chain) n += 3 + c.getEncoded().length;
        return n;
    }

    @Test
    void goodRunPassesEveryCheckAndMeasuresTheCertificateRecord(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, TestPki.DEFAULT_SERVER_NAMES, "device-1");
        try (MosquittoBroker m = MosquittoBroker.tls(pki, dir, "require_certificate true")) {
            List<Check> seen = new ArrayList<>();
            PreflightReport r = Preflight.run(tlsSettings(m, m.pem().ca()).clientCertificateFile(m.pem().clientCert()).clientKeyFile(m.pem().clientKey()),
                    new ProgressListener() {
                        @Override public void finished(StepResult s) {
                            seen.add(s.check());
                        }
                    });
            assertTrue(r.passed(), describe(r));
            for (StepResult s : r.steps()) assertEquals(Status.OK, s.status(), describe(r));
            assertEquals(List.of(Check.values()), seen, "every check reported once, in order");
            assertEquals("TLSv1.2", r.protocol());
            assertTrue(r.step(Check.CLIENT_CERTIFICATE).get().summary().contains("asked for and accepted"), describe(r));

            List<X509Certificate> chain = r.serverChain();
            assertEquals(pki.serverCertificate(), chain.get(0), "the broker's own certificate came first");
            if (chain.size() > 1) assertEquals(pki.caCertificate(), chain.get(1), "OpenSSL completes the chain from its cafile");
            assertTrue(r.largestRecordContent().contains("Certificate"), r.largestRecordContent());
            assertEquals(certificateMessageLength(chain), r.largestRecordLength(),
                    "the largest record is the one that carries the Certificate message: " + r.largestRecordContent());
        }
    }

    /**
     * TLS 1.3 encrypts the Certificate message (RFC 8446 4.4.2: a context byte and 2 extension
     * bytes per entry more than TLS 1.2): its record is that plus the content type byte and the 16-byte AEAD tag.
     */
    @Test
    void tls13CertificateRecordIsMeasuredWithItsProtection(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.generate(TestPki.KeyType.RSA_2048, TestPki.DEFAULT_SERVER_NAMES, "device-2");
        try (MosquittoBroker m = MosquittoBroker.tls(pki, dir)) {
            PreflightReport r = Preflight.run(tlsSettings(m, m.pem().ca()).tlsVersion(PreflightSettings.TlsVersion.TLS_1_3), null);
            assertTrue(r.passed(), describe(r));
            assertEquals("TLSv1.3", r.protocol());
            List<X509Certificate> chain = r.serverChain();
            int certificate13 = certificateMessageLength(chain) + 1 + 2 * chain.size();
            assertEquals(certificate13 + 1 + 16, r.largestRecordLength(), r.largestRecordContent());
            assertTrue(r.largestRecordContent().startsWith("encrypted"), r.largestRecordContent());
        }
    }

    @Test
    void wrongCaIsNamed(@TempDir Path dir) throws Exception {
        TestPki broker = TestPki.generate();
        TestPki other = TestPki.generate(TestPki.KeyType.EC_P256, TestPki.DEFAULT_SERVER_NAMES, "x");
        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(otherCa, TestPki.pem(other.caCertificate()));
        try (MosquittoBroker m = MosquittoBroker.tls(broker, dir.resolve("broker"))) {
            PreflightReport r = Preflight.run(tlsSettings(m, otherCa), null);
            assertFalse(r.passed());
            assertEquals(Check.SERVER_CHAIN, r.firstFailure().get().check(), describe(r));
            StepResult chain = r.step(Check.SERVER_CHAIN).get();
            assertTrue(chain.cause().contains("wrong CA"), chain.cause());
            // both CAs have the same name in TestPki: then the cause says so
            assertTrue(chain.cause().contains("another key"), chain.cause());
            assertEquals(Status.OK, r.step(Check.TLS_HANDSHAKE).get().status(), "the handshake itself worked");
            assertEquals(Status.SKIPPED, r.step(Check.MQTT_CONNECT).get().status());
        }
    }

    @Test
    void wrongCaWithAnotherNameNamesBoth(@TempDir Path dir) throws Exception {
        TestPki broker = TestPki.generate();
        Path otherCa = dir.resolve("other-root.pem");
        Files.writeString(otherCa, TestPki.pem(selfSigned("CN=Other Root CA,O=Elsewhere")));
        try (MosquittoBroker m = MosquittoBroker.tls(broker, dir.resolve("broker"))) {
            PreflightReport r = Preflight.run(tlsSettings(m, otherCa), null);
            StepResult chain = r.step(Check.SERVER_CHAIN).get();
            assertEquals(Status.FAILED, chain.status(), describe(r));
            assertTrue(chain.cause().matches("the broker's certificate is signed by [^;]*CN=NetStep Test CA[^;]*, your CA file is [^;]*CN=Other Root CA[^;]* — wrong CA\\..*"),
                    chain.cause());
        }
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair kp = g.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name n = new org.bouncycastle.asn1.x500.X500Name(name);
        java.util.Date now = new java.util.Date();
        org.bouncycastle.cert.X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(n,
                java.math.BigInteger.TEN, new java.util.Date(now.getTime() - 3_600_000L), new java.util.Date(now.getTime() + 86_400_000L), n, kp.getPublic());
        b.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true));
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }

    @Test
    void missingClientCertificateTls12(@TempDir Path dir) throws Exception {
        missingClientCertificate(dir, PreflightSettings.TlsVersion.TLS_1_2);
    }

    @Test
    void missingClientCertificateTls13(@TempDir Path dir) throws Exception {
        missingClientCertificate(dir, PreflightSettings.TlsVersion.TLS_1_3);
    }

    private void missingClientCertificate(Path dir, PreflightSettings.TlsVersion v) throws Exception {
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, dir, "require_certificate true")) {
            PreflightReport r = Preflight.run(tlsSettings(m, m.pem().ca()).tlsVersion(v), null);
            assertFalse(r.passed());
            StepResult cc = r.step(Check.CLIENT_CERTIFICATE).get();
            assertEquals(Status.FAILED, cc.status(), describe(r));
            assertTrue(cc.cause().contains("asked for a client certificate"), cc.cause());
            assertTrue(r.firstFailure().get().summary().contains("requires a client certificate"), describe(r));
            assertEquals(Status.OK, r.step(Check.SERVER_CHAIN).get().status(), "the server side was fine: " + describe(r));
        }
    }

    @Test
    void wrongPortNamesNothingListening() throws Exception {
        int port = MosquittoBroker.freePort();
        PreflightReport r = Preflight.run(new PreflightSettings().host("127.0.0.1").port(port).tls(false), null);
        assertFalse(r.passed());
        StepResult tcp = r.firstFailure().get();
        assertEquals(Check.TCP_CONNECT, tcp.check());
        assertTrue(tcp.cause().contains("nothing listens on 127.0.0.1:" + port + " — wrong port?"), tcp.cause());
        assertEquals(Status.SKIPPED, r.step(Check.MQTT_CONNECT).get().status());
    }

    @Test
    void refusedCredentialsAreNamedAndTheRightOnesPass(@TempDir Path dir) throws Exception {
        Path passwd = MosquittoBroker.passwordFile(dir, "meter", "s3cret-pass");
        try (MosquittoBroker m = MosquittoBroker.plain(dir, "allow_anonymous false", "password_file " + passwd)) {
            PreflightSettings s = new PreflightSettings().host("127.0.0.1").port(m.port()).tls(false).clientId("cred-test")
                    .username("meter").password("wrong".toCharArray());
            PreflightReport bad = Preflight.run(s, null);
            StepResult connect = bad.firstFailure().orElseThrow(() -> new AssertionError(describe(bad)));
            assertEquals(Check.MQTT_CONNECT, connect.check(), describe(bad));
            assertTrue(connect.cause().contains("user 'meter'") && (connect.cause().contains("bad user name or password")
                    || connect.cause().contains("not authorized")), connect.cause());

            PreflightReport anonymous = Preflight.run(new PreflightSettings().host("127.0.0.1").port(m.port()).tls(false), null);
            assertEquals(Check.MQTT_CONNECT, anonymous.firstFailure().get().check(), describe(anonymous));

            PreflightReport good = Preflight.run(s.password("s3cret-pass".toCharArray()), null);
            assertTrue(good.passed(), describe(good));
            assertFalse(describe(good).contains("s3cret") || good.settings().contains("s3cret"), "no password in the report");
        }
    }

    @Test
    void settingsThatCannotWorkAreRefusedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Preflight(new PreflightSettings().host("mqtts://broker").port(70000).testTopic("a/#")));
        assertTrue(e.getMessage().contains("is a URL"), e.getMessage());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        assertTrue(e.getMessage().contains("wildcard"), e.getMessage());
    }

    @Test
    void badKeyFileIsExplainedBeforeConnecting(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.generate();
        TestPki other = TestPki.generate();
        TestPki.PemFiles a = pki.writePem(dir.resolve("a"));
        TestPki.PemFiles b = other.writePem(dir.resolve("b"));
        PreflightReport r = Preflight.run(new PreflightSettings().host("127.0.0.1").port(1).caFile(a.ca())
                .clientCertificateFile(a.clientCert()).clientKeyFile(b.clientKey()), null);
        StepResult f = r.firstFailure().get();
        assertEquals(Check.LOCAL_FILES, f.check());
        assertTrue(f.cause().contains("does not belong to the client certificate"), f.cause());
        assertEquals(Status.SKIPPED, r.step(Check.TCP_CONNECT).get().status());
    }
}
