package io.netstep.certs;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test PKI for the embedded broker, ready for firmware: {@link TestPki} (CA, server
 * certificate with SANs for localhost, 127.0.0.1 and the names given, client certificate)
 * written as PEM files, plus the CA and client certificate/key as C arrays for mbedTLS and
 * for wolfSSL ({@code mbedtls/} and {@code wolfssl/} below the directory).
 */
public final class TestPkiMaker {

    /** What was written. {@code pki} holds the keys: do not log it beyond its toString. */
    public record Result(TestPki pki, TestPki.PemFiles pem, List<Path> cFiles) { }

    private TestPkiMaker() { }

    public static Result make(Path dir, List<String> serverNames, TestPki.KeyType type) throws IOException {
        TestPki pki = TestPki.generate(type, serverNames, "netstep-client");
        TestPki.PemFiles pem = pki.writePem(dir);
        CertificateSet ca = new CertificateSet("ca.pem", List.of(pki.caCertificate()), List.of(), List.of());
        CertificateSet client = new CertificateSet("client", List.of(pki.clientCertificate()),
                List.of(new KeyMaterial(pki.clientKey(), "PKCS#8", "client.key")), List.of());
        List<Path> files = new ArrayList<>();
        for (TlsLibrary lib : TlsLibrary.values()) {
            Path out = dir.resolve(lib.name().toLowerCase());
            for (CArrays arrays : List.of(CArrayWriter.toC(ca, lib, CFormat.PEM, "netstep_ca"),
                    CArrayWriter.toC(client, lib, CFormat.PEM, "netstep_client"))) {
                arrays.write(out);
                files.add(out.resolve(arrays.headerName()));
                files.add(out.resolve(arrays.sourceName()));
            }
        }
        return new Result(pki, pem, files);
    }
}
