package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.certs.CertValidator;
import io.netstep.certs.Finding;
import io.netstep.certs.KeyMaterial;
import io.netstep.certs.Purpose;
import io.netstep.certs.ValidationRequest;
import io.netstep.certs.tests.TestCerts.Issued;
import io.netstep.certs.tests.TestCerts.Spec;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

class CertValidatorTest {

    static Issued root;
    static Issued inter;

    @BeforeAll
    static void ca() throws Exception {
        root = TestCerts.issue(new Spec().subject("CN=Root,O=NetStep Tests").ca().valid(TestCerts.T0.minus(Duration.ofDays(10)),
                TestCerts.T0.plus(Duration.ofDays(3650))), null);
        inter = TestCerts.issue(new Spec().subject("CN=Intermediate,O=NetStep Tests").ca(), root);
    }

    private static Set<String> codes(List<Finding> f) {
        return f.stream().map(Finding::code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Finding> server(Issued leaf, List<X509Certificate> anchors, String host) {
        return CertValidator.validate(new ValidationRequest(List.of(leaf.cert(), inter.cert()), anchors,
                new KeyMaterial(leaf.keys().getPrivate(), "PKCS#8", "key"), Purpose.SERVER, host, TestCerts.T0));
    }

    @Test
    void goodServerChainHasNoFindings() throws Exception {
        Issued leaf = TestCerts.issue(new Spec().dns("leaf.test", "127.0.0.1"), inter);
        assertEquals(List.of(), server(leaf, List.of(root.cert()), "leaf.test"));
        assertEquals(List.of(), server(leaf, List.of(root.cert()), "127.0.0.1"));
        Issued rsa = TestCerts.issue(new Spec().key("RSA-2048").keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), inter);
        assertEquals(List.of(), server(rsa, List.of(root.cert()), "leaf.test"));
    }

    @Test
    void hostnames() throws Exception {
        Issued wild = TestCerts.issue(new Spec().dns("*.example.com"), inter);
        assertEquals(Set.of(), codes(server(wild, List.of(root.cert()), "mqtt.example.com")));
        assertEquals(Set.of("hostname-mismatch"), codes(server(wild, List.of(root.cert()), "example.com")));
        assertEquals(Set.of("hostname-mismatch"), codes(server(wild, List.of(root.cert()), "a.b.example.com")));
        Issued cnOnly = TestCerts.issue(new Spec().subject("CN=old.test").dns(), inter);
        assertEquals(Set.of("hostname-cn-only"), codes(server(cnOnly, List.of(root.cert()), "old.test")));
    }

    @Test
    void chainProblemsAreNamed() throws Exception {
        Issued leaf = TestCerts.issue(new Spec(), inter);
        Issued otherRoot = TestCerts.selfSignedCa("CN=Other Root");
        List<Finding> wrong = server(leaf, List.of(otherRoot.cert()), null);
        assertEquals(Set.of("chain-wrong-ca"), codes(wrong));
        assertTrue(wrong.get(0).fix().contains("CN=Root"), wrong.get(0).fix());
        Issued sameNameRoot = TestCerts.selfSignedCa("CN=Root,O=NetStep Tests"); // regenerated CA: same name, new key
        assertEquals(Set.of("chain-bad-signature"), codes(server(leaf, List.of(sameNameRoot.cert()), null)));
        Issued notCa = TestCerts.issue(new Spec().subject("CN=Not A CA"), root);
        Issued underLeaf = TestCerts.issue(new Spec(), notCa);
        assertEquals(Set.of("chain-issuer-not-ca"), codes(CertValidator.validate(ValidationRequest.of(List.of(underLeaf.cert(), notCa.cert()),
                List.of(root.cert()), Purpose.SERVER, TestCerts.T0))));
        Spec limited = new Spec().subject("CN=Limited Root").ca();
        limited.pathLen = 0;
        Issued limitedRoot = TestCerts.issue(limited, null);
        Issued sub = TestCerts.issue(new Spec().subject("CN=Sub").ca(), limitedRoot);
        Issued leaf2 = TestCerts.issue(new Spec(), sub);
        assertEquals(Set.of("chain-path-length"), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf2.cert(), sub.cert()),
                List.of(limitedRoot.cert()), Purpose.SERVER, TestCerts.T0))));
        assertEquals(Set.of("ca-is-leaf"), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf.cert()),
                List.of(leaf.cert()), Purpose.SERVER, TestCerts.T0))).stream().filter(c -> c.startsWith("ca-")).collect(Collectors.toSet()));
    }

    @Test
    void datesAreJudgedByTheGivenClock() throws Exception {
        Issued leaf = TestCerts.issue(new Spec().valid(TestCerts.T0, TestCerts.T0.plus(Duration.ofDays(100))), inter);
        assertEquals(Set.of("cert-not-yet-valid"), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf.cert()), List.of(),
                Purpose.ANY, Instant.parse("2000-01-01T00:00:00Z")))));
        assertEquals(Set.of("cert-expired"), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf.cert()), List.of(),
                Purpose.ANY, TestCerts.T0.plus(Duration.ofDays(101))))));
        assertEquals(Set.of("cert-expires-soon"), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf.cert()), List.of(),
                Purpose.ANY, TestCerts.T0.plus(Duration.ofDays(90))))));
        assertEquals(Set.of(), codes(CertValidator.validate(ValidationRequest.of(List.of(leaf.cert()), List.of(), Purpose.ANY,
                TestCerts.T0.plus(Duration.ofDays(10))))));
    }

    @Test
    void usageMustFitThePurpose() throws Exception {
        Issued clientCert = TestCerts.issue(new Spec().eku(KeyPurposeId.id_kp_clientAuth), inter);
        assertEquals(Set.of("eku-no-server-auth"), codes(server(clientCert, List.of(root.cert()), null)));
        Issued serverCert = TestCerts.issue(new Spec(), inter);
        assertEquals(Set.of("eku-no-client-auth"), codes(CertValidator.validate(ValidationRequest.of(List.of(serverCert.cert(), inter.cert()),
                List.of(root.cert()), Purpose.CLIENT, TestCerts.T0))));
        Issued noSig = TestCerts.issue(new Spec().keyUsage(KeyUsage.keyAgreement), inter);
        assertEquals(Set.of("ku-no-digital-signature"), codes(server(noSig, List.of(root.cert()), null)));
    }

    @Test
    void keyMustBelongToTheCertificate() throws Exception {
        Issued leaf = TestCerts.issue(new Spec(), inter);
        Issued other = TestCerts.issue(new Spec(), inter);
        List<Finding> f = CertValidator.validate(new ValidationRequest(List.of(leaf.cert(), inter.cert()), List.of(root.cert()),
                new KeyMaterial(other.keys().getPrivate(), "PKCS#8", "device.key"), Purpose.SERVER, null, TestCerts.T0));
        assertEquals(Set.of("key-mismatch"), codes(f));
        assertEquals("device.key", f.get(0).where());
        Issued rsa = TestCerts.issue(new Spec().key("RSA-2048").keyUsage(KeyUsage.digitalSignature), inter);
        assertEquals(Set.of("key-mismatch"), codes(CertValidator.validate(new ValidationRequest(List.of(rsa.cert()), List.of(),
                new KeyMaterial(leaf.keys().getPrivate(), "PKCS#8", "k"), Purpose.ANY, null, TestCerts.T0))));
    }

    @Test
    void whatTheEmbeddedLibrariesRefuse() throws Exception {
        assertEquals(Set.of("key-rsa-too-small"), codes(server(TestCerts.issue(new Spec().key("RSA-1024"), inter), List.of(root.cert()), null)));
        assertEquals(Set.of("sig-sha1"), codes(server(TestCerts.issue(new Spec().sigAlg("SHA1withECDSA"), inter), List.of(root.cert()), null)));
        assertEquals(Set.of("key-curve-optional"), codes(server(TestCerts.issue(new Spec().key("brainpoolP256r1"), inter), List.of(root.cert()), null)));
        assertEquals(Set.of("key-curve-optional"), codes(server(TestCerts.issue(new Spec().key("secp256k1"), inter), List.of(root.cert()), null)));
        assertEquals(Set.of("key-eddsa"), codes(server(TestCerts.issue(new Spec().key("Ed25519"), inter), List.of(root.cert()), null)));
        assertEquals(Set.of(), codes(server(TestCerts.issue(new Spec().key("P-384"), inter), List.of(root.cert()), null)));
    }
}
