package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.CertificateChain;
import io.netstep.tls.CertificateInfo;
import io.netstep.tls.TlsConnectionDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's chain from the wire, parsed with BouncyCastle, matches the certificates the test made. */
class CertificateChainTest {

    @Test
    void rsaLeafAndEcCaFromTls12() throws Exception {
        TlsConnectionDecoder d = OpenSsl.run(OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256")).decode(false);
        CertificateChain chain = d.serverCertificates();
        assertEquals(2, chain.entryCount());
        assertEquals(List.of(), chain.parseErrors());
        CertificateInfo leaf = chain.certificates().get(0);
        CertificateInfo ca = chain.certificates().get(1);

        assertEquals("CN=broker.example,O=NetStep Broker", leaf.subject());
        assertEquals("CN=NetStep Test CA,O=NetStep", leaf.issuer());
        assertEquals(List.of("DNS:broker.example", "IP:127.0.0.1"), leaf.subjectAltNames());
        assertEquals("RSA", leaf.keyType());
        assertEquals(2048, leaf.keyBits());
        assertEquals("SHA256WITHECDSA", leaf.signatureAlgorithm());
        assertEquals(TestCertificates.NOT_BEFORE, leaf.notBefore());
        assertEquals(TestCertificates.NOT_AFTER, leaf.notAfter());
        assertEquals(OpenSsl.CERTS.rsa.getSerialNumber().toString(16), leaf.serialNumberHex());
        assertFalse(leaf.selfIssued());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(OpenSsl.CERTS.rsa.getEncoded())), leaf.sha256Fingerprint());

        assertEquals("EC", ca.keyType());
        assertEquals(256, ca.keyBits());
        assertTrue(ca.curve().equals("prime256v1") || ca.curve().equals("secp256r1"), ca.curve());
        assertTrue(ca.selfIssued());
        assertEquals(List.of(), ca.subjectAltNames());
    }

    @Test
    void ecLeafFromTls13EncryptedCertificate() throws Exception {
        OpenSsl.Options o = OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256").client("-sigalgs", "ECDSA+SHA256");
        TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
        CertificateInfo leaf = d.serverCertificates().certificates().get(0);
        assertEquals("EC", leaf.keyType());
        assertEquals(OpenSsl.CERTS.ec.getSerialNumber().toString(16), leaf.serialNumberHex());
        assertEquals(0, d.serverCertificates().requestContext().length);
    }
}
