package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.certs.CArrayWriter;
import io.netstep.certs.CArrays;
import io.netstep.certs.CFormat;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.KeyMaterial;
import io.netstep.certs.TlsLibrary;
import io.netstep.net.broker.TestPki;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated C is compiled with gcc together with a small program that hands the arrays
 * to the REAL mbedTLS 2.28 and wolfSSL 5.5 exactly as the generated comments say, then
 * verifies the broker's certificate against the CA array and checks the key against the
 * client certificate.
 */
class CArrayRoundTripTest {

    @TempDir Path tmp;

    static final String MBEDTLS_MAIN = """
            #include <stdio.h>
            #include <mbedtls/x509_crt.h>
            #include <mbedtls/pk.h>
            #include "netstep_ca.h"
            #include "netstep_client.h"
            #define CHECK(what, expr) do { int r_ = (expr); if (r_ != 0) { printf("%s: -0x%04X\\n", what, (unsigned) -r_); return 1; } } while (0)
            int main(int argc, char **argv) {
                mbedtls_x509_crt ca, cli, srv;
                mbedtls_pk_context pk;
                uint32_t flags = 0;
                mbedtls_x509_crt_init(&ca); mbedtls_x509_crt_init(&cli); mbedtls_x509_crt_init(&srv); mbedtls_pk_init(&pk);
                CHECK("ca", mbedtls_x509_crt_parse(&ca, netstep_ca, netstep_ca_len));
                CHECK("client cert", mbedtls_x509_crt_parse(&cli, netstep_client_cert, netstep_client_cert_len));
                CHECK("client key", mbedtls_pk_parse_key(&pk, netstep_client_key, netstep_client_key_len, NULL, 0));
                CHECK("key pair", mbedtls_pk_check_pair(&cli.pk, &pk));
                CHECK("server file", mbedtls_x509_crt_parse_file(&srv, argv[1]));
                CHECK("verify server", mbedtls_x509_crt_verify(&srv, &ca, NULL, "broker.test", &flags, NULL, NULL));
                CHECK("verify client", mbedtls_x509_crt_verify(&cli, &ca, NULL, NULL, &flags, NULL, NULL));
                printf("ok %u %u\\n", (unsigned) netstep_ca_len, (unsigned) NETSTEP_CA_LEN);
                return argc > 1 ? 0 : 2;
            }
            """;

    static final String WOLFSSL_MAIN = """
            #include <stdio.h>
            #include <wolfssl/options.h>
            #include <wolfssl/ssl.h>
            #include "netstep_ca.h"
            #include "netstep_client.h"
            #define CHECK(what, expr) do { int r_ = (expr); if (r_ != WOLFSSL_SUCCESS) { printf("%s: %d\\n", what, r_); return 1; } } while (0)
            int main(int argc, char **argv) {
                wolfSSL_Init();
                WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_2_client_method());
                CHECK("ca", wolfSSL_CTX_load_verify_buffer(ctx, netstep_ca, netstep_ca_len, NETSTEP_CA_FORMAT));
                CHECK("client cert", wolfSSL_CTX_use_certificate_buffer(ctx, netstep_client_cert, netstep_client_cert_len, NETSTEP_CLIENT_CERT_FORMAT));
                CHECK("client key", wolfSSL_CTX_use_PrivateKey_buffer(ctx, netstep_client_key, netstep_client_key_len, NETSTEP_CLIENT_KEY_FORMAT));
                CHECK("key pair", wolfSSL_CTX_check_private_key(ctx));
                WOLFSSL_CERT_MANAGER *cm = wolfSSL_CertManagerNew();
                CHECK("cm ca", wolfSSL_CertManagerLoadCABuffer(cm, netstep_ca, netstep_ca_len, NETSTEP_CA_FORMAT));
                CHECK("verify server", wolfSSL_CertManagerVerify(cm, argv[1], WOLFSSL_FILETYPE_PEM));
                printf("ok %ld %u\\n", (long) netstep_ca_len, (unsigned) NETSTEP_CA_LEN);
                return argc > 1 ? 0 : 2;
            }
            """;

    @TestFactory
    List<DynamicTest> generatedArraysParseWithTheRealLibraries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TestPki.KeyType type : TestPki.KeyType.values()) {
            TestPki pki = TestPki.generate(type, List.of("broker.test"), "device-1");
            for (TlsLibrary lib : TlsLibrary.values()) {
                for (CFormat format : CFormat.values()) {
                    tests.add(DynamicTest.dynamicTest(type + " " + lib + " " + format, () -> roundTrip(pki, lib, format)));
                }
            }
        }
        return tests;
    }

    private void roundTrip(TestPki pki, TlsLibrary lib, CFormat format) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(pki.keyType() + "-" + lib + "-" + format));
        TestPki.PemFiles pem = pki.writePem(dir.resolve("pem"));
        CArrays ca = CArrayWriter.toC(new CertificateSet("ca", List.of(pki.caCertificate()), List.of(), List.of()), lib, format, "netstep_ca");
        CArrays client = CArrayWriter.toC(new CertificateSet("client", List.of(pki.clientCertificate()),
                List.of(new KeyMaterial(pki.clientKey(), "PKCS#8", "client")), List.of()), lib, format, "netstep_client");
        ca.write(dir);
        client.write(dir);
        Files.writeString(dir.resolve("main.c"), lib == TlsLibrary.MBEDTLS ? MBEDTLS_MAIN : WOLFSSL_MAIN);
        Path exe = NativeBuild.compile(dir, List.of(dir.resolve("main.c"), dir.resolve("netstep_ca.c"), dir.resolve("netstep_client.c")),
                lib == TlsLibrary.MBEDTLS ? NativeBuild.MBEDTLS_LIBS : NativeBuild.WOLFSSL_LIBS);
        NativeBuild.Run r = NativeBuild.exec(dir, List.of(exe.toString(), pem.serverCert().toString()));
        assertEquals(0, r.exit(), r.output());

        // the lengths are what the library needs: PEM for mbedTLS counts the NUL, wolfSSL PEM and DER are exact
        int der = pki.caCertificate().getEncoded().length;
        int text = io.netstep.net.broker.TestPki.pem(pki.caCertificate()).replace("\r\n", "\n").length();
        int expected = format == CFormat.DER ? der : lib == TlsLibrary.MBEDTLS ? text + 1 : text;
        assertEquals("ok " + expected + " " + expected, r.output().trim());
        assertTrue(ca.header().contains("#define NETSTEP_CA_LEN " + expected + "u"), ca.header());
        assertTrue(client.secret() && !ca.secret());
    }

    /** Every byte value survives the escaping: gcc decodes the literal back to the same bytes. */
    @Test
    void escapingRoundTripsThroughGcc() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i < 256; i++) all.append((char) i);
        all.append("??=??/0\"\\x41"); // trigraph and escape look-alikes
        String literal = CArrayWriter.escape(all.toString());
        Files.writeString(tmp.resolve("esc.c"), "#include <stdio.h>\nstatic const unsigned char s[] = \"" + literal + "\";\n"
                + "int main(void) { for (size_t i = 0; i + 1 < sizeof(s); i++) printf(\"%02x\", s[i]); printf(\"\\n\"); return 0; }\n");
        Path exe = NativeBuild.compile(tmp, List.of(tmp.resolve("esc.c")), List.of());
        NativeBuild.Run r = NativeBuild.exec(tmp, List.of(exe.toString()));
        assertEquals(HexFormat.of().formatHex(all.toString().getBytes(StandardCharsets.ISO_8859_1)), r.output().trim());
    }

    /** A DER buffer holds one object: a chain becomes one array per certificate; PEM keeps the chain in one string. */
    @Test
    void chainsAndNames() {
        TestPki pki = TestPki.generate();
        CertificateSet chain = new CertificateSet("chain", List.of(pki.serverCertificate(), pki.caCertificate()), List.of(), List.of());
        CArrays der = CArrayWriter.toC(chain, TlsLibrary.MBEDTLS, CFormat.DER, "chain");
        assertTrue(der.header().contains("extern const unsigned char chain_0[];") && der.header().contains("extern const unsigned char chain_1[];"));
        CArrays pem = CArrayWriter.toC(chain, TlsLibrary.WOLFSSL, CFormat.PEM, "chain");
        assertEquals(2, pem.source().split("BEGIN CERTIFICATE", -1).length - 1);
        assertTrue(pem.header().contains("wolfSSL_CTX_use_certificate_chain_buffer(ctx, chain, chain_len);"), pem.header());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CArrayWriter.toC(chain, TlsLibrary.MBEDTLS, CFormat.PEM, "my-ca"));
    }

    /** PEM lines stay one per C line and DER rows are 12 bytes: readable diffs when a certificate changes. */
    @Test
    void outputIsLineWrapped() {
        TestPki pki = TestPki.generate();
        CArrays pem = CArrayWriter.toC(new CertificateSet("ca", List.of(pki.caCertificate()), List.of(), List.of()), TlsLibrary.MBEDTLS, CFormat.PEM, "ca");
        for (String line : pem.source().split("\n")) assertTrue(line.length() <= 80, line);
        Matcher m = Pattern.compile("(?m)^    \"([A-Za-z0-9+/=]+)\\\\n\"").matcher(pem.source());
        int lines = 0;
        while (m.find()) {
            lines++;
            assertTrue(m.group(1).length() <= 64);
        }
        assertTrue(lines >= 5, pem.source());
        CArrays der = CArrayWriter.toC(new CertificateSet("ca", List.of(pki.caCertificate()), List.of(), List.of()), TlsLibrary.WOLFSSL, CFormat.DER, "ca");
        assertTrue(der.source().contains("\n    0x30, 0x82, "), der.source());
        assertTrue(der.header().contains("#define CA_FORMAT WOLFSSL_FILETYPE_ASN1"));
    }
}
