package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.certs.CertArrayCheck;
import io.netstep.certs.Finding;
import io.netstep.certs.Severity;
import io.netstep.certs.scan.ArrayRole;
import io.netstep.certs.scan.FoundArray;
import io.netstep.net.broker.TestPki;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * F6 from the source side: firmware projects made from a real test PKI, each with one
 * certificate mistake people make. The check must name exactly that mistake (a correct
 * project gets no finding at all), and the same project, compiled with gcc and run against
 * the REAL mbedTLS / wolfSSL, must fail where the check says it fails.
 */
class CertArrayCheckTest {

    @TempDir static Path tmp;
    static TestPki pki;
    static TestPki other;
    static String caPem;
    static String serverPem;
    static Path serverFile;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.generate(TestPki.KeyType.EC_P256, List.of("broker.test"), "device-1");
        other = TestPki.generate(TestPki.KeyType.EC_P256, List.of("broker.test"), "device-2");
        caPem = TestPki.pem(pki.caCertificate());
        serverPem = TestPki.pem(pki.serverCertificate());
        serverFile = pki.writePem(tmp.resolve("pki")).serverCert();
    }

    /** One project: its C, how the check is run, what it must find, and whether the real library fails. */
    record Variant(String name, String lib, String caDecl, String caBuf, String caLen, String caFmt, String clientKeyPem,
                   boolean brokerChain, Instant now, Set<String> expectedErrors, boolean failsAtRunTime) { }

    private static String clientArrays(String keyPem) {
        String type = "static const unsigned char ";
        return type + "client_pem[] =" + CProjects.pemLiteral(TestPki.pem(pki.clientCertificate())) + ";\n\n"
                + type + "client_key[] =" + CProjects.pemLiteral(keyPem) + ";\n";
    }

    private static Variant mbed(String name, String caDecl, String caBuf, String caLen, Set<String> errors, boolean fails) {
        return new Variant(name, "mbedtls", caDecl, caBuf, caLen, null, TestPki.keyPem(pki.clientKey()), true, Instant.now(), errors, fails);
    }

    private static Variant wolf(String name, String caDecl, String caBuf, String caLen, String fmt, Set<String> errors, boolean fails) {
        return new Variant(name, "wolfssl", caDecl, caBuf, caLen, fmt, TestPki.keyPem(pki.clientKey()), true, Instant.now(), errors, fails);
    }

    static List<Variant> variants() throws Exception {
        String pemArray = "static const char ca_pem[] =" + CProjects.pemLiteral(caPem) + ";";
        List<String> lines = CProjects.lines(caPem);
        int textLen = caPem.length();
        byte[] der = pki.caCertificate().getEncoded();
        String derArray = "static const unsigned char ca_der[] = " + CProjects.byteList(der) + ";";
        List<Variant> v = new ArrayList<>();
        v.add(mbed("correct PEM, sizeof", pemArray, "ca_pem", "sizeof(ca_pem)", Set.of(), false));
        v.add(mbed("correct PEM, strlen + 1", pemArray, "ca_pem", "strlen(ca_pem) + 1", Set.of(), false));
        v.add(mbed("correct DER (xxd -i)", derArray + "\nstatic const unsigned int ca_der_len = " + der.length + ";", "ca_der", "ca_der_len", Set.of(), false));
        v.add(mbed("PEM length without the NUL (strlen)", pemArray, "ca_pem", "strlen(ca_pem)", Set.of("pem-missing-nul"), true));
        v.add(mbed("PEM array declared without room for the NUL", "static const char ca_pem[" + textLen + "] =" + CProjects.pemLiteral(caPem) + ";",
                "ca_pem", "sizeof(ca_pem)", Set.of("pem-no-room-for-nul", "pem-missing-nul"), true));
        v.add(mbed("length constant does not match the array", "#define CA_PEM_LEN " + (textLen - 40) + "\n" + pemArray, "ca_pem", "CA_PEM_LEN",
                Set.of("len-const-mismatch"), true));
        v.add(mbed("DER length constant off by one", derArray + "\nstatic const unsigned int ca_der_len = " + (der.length - 1) + ";", "ca_der",
                "ca_der_len", Set.of("len-const-mismatch"), true));
        List<String> escaped = new ArrayList<>(lines);
        escaped.set(3, escaped.get(3) + "\\\\n\"\n\"");  // "…\\n" : a backslash and an n in the data
        v.add(mbed("base64 broken by a bad escape", "static const char ca_pem[] =" + CProjects.pemLiteral(escaped, "\\n") + ";", "ca_pem",
                "sizeof(ca_pem)", Set.of("pem-not-base64"), true));
        v.add(mbed("no line break after the BEGIN line", "static const char ca_pem[] =\n\"" + lines.get(0) + "\""
                + CProjects.pemLiteral(lines.subList(1, lines.size()), "\\n") + ";", "ca_pem", "sizeof(ca_pem)", Set.of("pem-no-newline-after-header"), true));
        List<String> mismatched = new ArrayList<>(lines);
        mismatched.set(lines.size() - 1, "-----END PRIVATE KEY-----");
        v.add(mbed("PEM header/footer mismatch", "static const char ca_pem[] =" + CProjects.pemLiteral(mismatched, "\\n") + ";", "ca_pem",
                "sizeof(ca_pem)", Set.of("pem-mismatch"), true));
        v.add(mbed("PEM cut off", "static const char ca_pem[] =" + CProjects.pemLiteral(lines.subList(0, lines.size() - 3), "\\n") + ";",
                "ca_pem", "sizeof(ca_pem)", Set.of("pem-truncated"), true));
        v.add(mbed("sizeof of a pointer", "static const char *ca_pem =" + CProjects.pemLiteral(caPem) + ";", "ca_pem", "sizeof(ca_pem)",
                Set.of("len-sizeof-pointer"), true));
        v.add(mbed("server certificate instead of the CA", "static const char ca_pem[] =" + CProjects.pemLiteral(serverPem) + ";", "ca_pem",
                "sizeof(ca_pem)", Set.of("ca-is-leaf", "ca-wrong-for-broker"), true));
        v.add(mbed("CA of another PKI", "static const char ca_pem[] =" + CProjects.pemLiteral(TestPki.pem(other.caCertificate())) + ";", "ca_pem",
                "sizeof(ca_pem)", Set.of("ca-wrong-for-broker"), true));
        v.add(new Variant("client key of another device", "mbedtls", pemArray, "ca_pem", "sizeof(ca_pem)", null, TestPki.keyPem(other.clientKey()),
                true, Instant.now(), Set.of("key-mismatch"), true));
        v.add(new Variant("expired (clock in 2040)", "mbedtls", pemArray, "ca_pem", "sizeof(ca_pem)", null, TestPki.keyPem(pki.clientKey()),
                true, Instant.parse("2040-01-01T00:00:00Z"), Set.of("cert-expired"), false));
        v.add(wolf("wolfSSL correct PEM", pemArray, "(const unsigned char *) ca_pem", "sizeof(ca_pem) - 1", "WOLFSSL_FILETYPE_PEM", Set.of(), false));
        v.add(wolf("wolfSSL correct DER", derArray, "ca_der", "sizeof(ca_der)", "WOLFSSL_FILETYPE_ASN1", Set.of(), false));
        v.add(wolf("DER passed with the PEM flag", derArray, "ca_der", "sizeof(ca_der)", "WOLFSSL_FILETYPE_PEM", Set.of("der-with-pem-flag"), true));
        v.add(wolf("PEM passed with the ASN1 flag", pemArray, "(const unsigned char *) ca_pem", "sizeof(ca_pem) - 1", "SSL_FILETYPE_ASN1",
                Set.of("pem-with-der-flag"), true));
        return v;
    }

    @TestFactory
    List<DynamicTest> eachMistakeIsNamedAndTheRealLibraryAgrees() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : variants()) tests.add(DynamicTest.dynamicTest(v.name(), () -> run(v)));
        return tests;
    }

    private void run(Variant v) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(v.name().replaceAll("[^A-Za-z0-9]+", "-")));
        String arrays = v.caDecl() + "\n\n" + clientArrays(v.clientKeyPem());
        String main = (v.lib().equals("mbedtls") ? CProjects.MBEDTLS : CProjects.WOLFSSL).replace("%ARRAYS%", arrays)
                .replace("%CA_BUF%", v.caBuf()).replace("%CA_LEN%", v.caLen()).replace("%CA_FMT%", v.caFmt() == null ? "" : v.caFmt());
        Files.writeString(dir.resolve("main.c"), main);

        CertArrayCheck.Report r = CertArrayCheck.scan(dir, new CertArrayCheck.Options(v.now(),
                v.brokerChain() ? List.of(pki.serverCertificate()) : List.of(), List.of()));
        Set<String> errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(v.expectedErrors()), errors, r.format());
        if (v.expectedErrors().isEmpty()) assertTrue(r.findings().isEmpty(), r.format());
        assertEquals(3, r.arrays().size(), r.format());
        for (Finding f : r.findings()) {
            assertTrue(f.where().matches("main\\.c:\\d+.*"), "every finding names file:line: " + f.format());
            assertTrue(!f.message().isBlank() && !f.fix().isBlank(), f.format());
        }

        Path exe = NativeBuild.compile(dir, List.of(dir.resolve("main.c")),
                v.lib().equals("mbedtls") ? NativeBuild.MBEDTLS_LIBS : NativeBuild.WOLFSSL_LIBS);
        NativeBuild.Run run = NativeBuild.exec(dir, List.of(exe.toString(), serverFile.toString()));
        if (v.failsAtRunTime()) assertNotEquals(0, run.exit(), "the real " + v.lib() + " accepted it: " + run.output());
        else assertEquals(0, run.exit(), run.output() + "\n" + r.format());
    }

    /** mbedtls_pk_parse_key needs the NUL too: named at the call, and the real mbedTLS fails with the code the message gives. */
    @Test
    void privateKeyWithoutNul() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("key-strlen"));
        String main = CProjects.MBEDTLS.replace("%ARRAYS%", "static const char ca_pem[] =" + CProjects.pemLiteral(caPem) + ";\n\n"
                + clientArrays(TestPki.keyPem(pki.clientKey()))).replace("%CA_BUF%", "ca_pem").replace("%CA_LEN%", "sizeof(ca_pem)")
                .replace("sizeof(client_key)", "strlen((const char *) client_key)");
        Files.writeString(dir.resolve("main.c"), main);
        CertArrayCheck.Report r = CertArrayCheck.scan(dir);
        assertEquals(List.of("pem-missing-nul"), r.findings().stream().map(Finding::code).toList(), r.format());
        assertTrue(r.findings().get(0).message().contains("mbedtls_pk_parse_key") && r.findings().get(0).message().contains("-0x3D00"));
        Path exe = NativeBuild.compile(dir, List.of(dir.resolve("main.c")), NativeBuild.MBEDTLS_LIBS);
        NativeBuild.Run run = NativeBuild.exec(dir, List.of(exe.toString()));
        assertEquals(12, run.exit(), run.output());
        assertEquals("client key: -0x3D00", run.output().trim());
    }

    /** The finding points at the line that is broken, not at the declaration. */
    @Test
    void badEscapeIsReportedOnItsOwnLine() throws Exception {
        List<String> lines = new ArrayList<>(CProjects.lines(caPem));
        lines.set(5, lines.get(5).substring(0, 10) + "\\\\" + lines.get(5).substring(10)); // a stray backslash
        Path dir = Files.createDirectories(tmp.resolve("escape-line"));
        String src = "/* CA */\nconst char ca_pem[] =" + CProjects.pemLiteral(lines, "\\n") + ";\n";
        Files.writeString(dir.resolve("certs.c"), src);
        CertArrayCheck.Report r = CertArrayCheck.scan(dir);
        Finding f = r.findings().stream().filter(x -> x.code().equals("pem-not-base64")).findFirst().orElseThrow(() -> new AssertionError(r.format()));
        int expectedLine = 3 + 5; // comment, declaration, then PEM line index 5
        assertEquals("certs.c:" + expectedLine, f.where(), r.format());
        assertTrue(f.message().contains("backslash"), f.message());
    }

    /** Roles come from the calls: the array given to mbedtls_ssl_conf_ca_chain's chain is the CA, whatever its name. */
    @Test
    void rolesFollowTheCalls() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("roles"));
        String main = CProjects.MBEDTLS.replace("%ARRAYS%", "static const char trust_me[] =" + CProjects.pemLiteral(serverPem) + ";\n\n"
                + clientArrays(TestPki.keyPem(pki.clientKey()))).replace("%CA_BUF%", "trust_me").replace("%CA_LEN%", "sizeof trust_me");
        Files.writeString(dir.resolve("net.c"), main);
        CertArrayCheck.Report r = CertArrayCheck.scan(dir);
        FoundArray ca = r.arrays().stream().filter(a -> a.name().equals("trust_me")).findFirst().orElseThrow();
        assertEquals(ArrayRole.CA, ca.role());
        assertTrue(ca.usedBy().get(0).startsWith("mbedtls_x509_crt_parse at net.c:"), ca.usedBy().toString());
        assertEquals(Set.of("ca-is-leaf"), r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::code)
                .collect(Collectors.toSet()), r.format());
        assertEquals(ArrayRole.KEY, r.arrays().stream().filter(a -> a.name().equals("client_key")).findFirst().orElseThrow().role());
    }

    /** Arrays split over a header and a source, Windows line endings inside the literals, a #define PEM: still read right. */
    @Test
    void windowsLineEndingsAndMacrosAreReadLikeTheCompilerDoes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("crlf"));
        Files.writeString(dir.resolve("ca.h"), "#define CA_PEM" + CProjects.pemLiteral(CProjects.lines(caPem), "\\r\\n").replace("\n", " \\\n") + "\n");
        Files.writeString(dir.resolve("tls.c"), "#include \"ca.h\"\nvoid f(mbedtls_x509_crt *c)\n{\n    mbedtls_x509_crt_parse(c, (const unsigned char *) CA_PEM, sizeof(CA_PEM));\n}\n");
        CertArrayCheck.Report r = CertArrayCheck.scan(dir);
        assertEquals(1, r.arrays().size(), r.format());
        assertEquals(1, r.arrays().get(0).certificates().size(), r.format());
        assertEquals(pki.caCertificate(), r.arrays().get(0).certificates().get(0));
        assertTrue(r.findings().isEmpty(), r.format());
    }

    /** The TLS libraries' own trees (test certificates) are not the user's arrays. */
    @Test
    void libraryTreesAreSkipped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("skip/Middlewares/Third_Party/mbedTLS/library"));
        Files.writeString(dir.resolve("certs.c"), "const char mbedtls_test_ca_crt[] =" + CProjects.pemLiteral(serverPem) + ";\n");
        CertArrayCheck.Report r = CertArrayCheck.scan(tmp.resolve("skip"));
        assertTrue(r.arrays().isEmpty() && r.findings().isEmpty(), r.format());
    }
}
