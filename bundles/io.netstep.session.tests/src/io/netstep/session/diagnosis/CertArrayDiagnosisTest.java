package io.netstep.session.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;
import io.netstep.session.cli.Main;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F6 with the source side: the reference firmware fails its TLS setup (or rejects the broker)
 * through the real path against a real mosquitto, and the diagnosis is given a small C project
 * whose certificate array is written from the same PKI: broken, correct, or holding another CA.
 */
class CertArrayDiagnosisTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker tls;

    @BeforeAll
    static void start() throws Exception {
        ReferenceFirmware.executable(ReferenceFirmware.MBEDTLS);
        pki = TestPki.generate(TestPki.KeyType.RSA_2048, TestPki.DEFAULT_SERVER_NAMES, "netstep-client");
        tls = MosquittoBroker.tls(pki, dir.resolve("tls"));
    }

    @AfterAll
    static void stop() {
        if (tls != null) {
            tls.close();
        }
    }

    private static NetworkOptions net() {
        NetworkOptions n = new NetworkOptions();
        n.map(FirmwareRun.BROKER_NAME + "=" + tls.endpoint());
        return n;
    }

    private static String ca() {
        return tls.ca().toString();
    }

    /** The firmware hands the PEM CA to the DER parser (--bug-f6): its setup fails before the ClientHello. */
    private static FirmwareRun setupFailure(String id) throws Exception {
        FirmwareRun r = FirmwareRun.run(net(), FirmwareRun.command(ReferenceFirmware.MBEDTLS, "--ca", ca(), "--client-id", id, "--bug-f6"), 60);
        assertEquals(3, r.status, r.toString());
        return r;
    }

    private static List<String> lines(String output) {
        return output.lines().toList();
    }

    private static List<Diagnosis> f6(List<Diagnosis> ds) {
        return ds.stream().filter(d -> d.id().equals("F6")).toList();
    }

    private static String text(List<Diagnosis> ds) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DiagnosisReport.printText(ds, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pemWithoutNulIsF6CertainWithTheCallsFileAndLine() throws Exception {
        Path project = CProject.write(dir.resolve("nul"), pki.caCertificate(), "strlen((const char *) ca_pem)");
        FirmwareRun r = setupFailure("diag-f6-src");
        List<Diagnosis> ds = new Diagnoser(FirmwareSide.of(project, lines(r.output))).diagnose(r.log, null);
        List<Diagnosis> f6 = f6(ds);
        assertEquals(1, f6.size(), text(ds));
        Diagnosis d = f6.get(0);
        // the wire (no ClientHello), the firmware's own -0x21xx line and the source agree
        assertEquals(Confidence.CERTAIN, d.confidence(), text(ds));
        assertTrue(d.evidence().stream().anyMatch(e -> e.seq() > 0 && e.what().contains("no ClientHello")), text(ds));
        assertTrue(d.evidence().stream().anyMatch(e -> e.what().startsWith("the firmware printed: FAIL tls-setup")
                && e.what().matches(".*-0x2[0-9a-f]{3}.*")), text(ds));
        String at = "Core/Src/certs.c:" + CProject.callLine(project) + ": ";
        assertTrue(d.evidence().stream().anyMatch(e -> e.what().startsWith(at) && e.what().contains("terminating NUL")
                && e.what().contains("-0x2180") && e.what().endsWith("[pem-missing-nul]")), text(ds));
        assertTrue(d.fix().contains("sizeof(ca_pem)"), d.fix());
    }

    @Test
    void withoutTheFirmwaresOutputTheSourceMakesF6Likely() throws Exception {
        Path project = CProject.write(dir.resolve("nul-no-output"), pki.caCertificate(), "strlen((const char *) ca_pem)");
        FirmwareRun r = setupFailure("diag-f6-src2");
        Diagnosis d = f6(new Diagnoser(FirmwareSide.of(project, List.of())).diagnose(r.log, null)).get(0);
        assertEquals(Confidence.LIKELY, d.confidence(), d.toString());
        assertTrue(d.evidence().stream().noneMatch(e -> e.what().startsWith("the firmware printed")), d.toString());
    }

    @Test
    void correctArrayAddsNoSourceEvidence() throws Exception {
        Path project = CProject.write(dir.resolve("good"), pki.caCertificate(), "sizeof(ca_pem)");
        FirmwareRun r = setupFailure("diag-f6-good");
        List<Diagnosis> with = new Diagnoser(FirmwareSide.of(project, lines(r.output))).diagnose(r.log, null);
        Diagnosis plain = f6(r.diagnoses).get(0);
        Diagnosis d = f6(with).get(0);
        assertEquals(Confidence.POSSIBLE, d.confidence(), text(with));
        assertEquals(plain.evidence(), d.evidence(), "a clean project adds no evidence");
        assertTrue(d.candidates().get(0).contains("1 certificate/key array(s) in " + project.toAbsolutePath().normalize())
                && d.candidates().get(0).contains("show no problem"), d.candidates().get(0));
    }

    @Test
    void cleanProjectDoesNotRaiseF6OnAGoodRun() throws Exception {
        Path project = CProject.write(dir.resolve("good-run"), pki.caCertificate(), "sizeof(ca_pem)");
        FirmwareRun r = FirmwareRun.run(net(), FirmwareRun.command(ReferenceFirmware.MBEDTLS, "--ca", ca(), "--client-id", "diag-f6-ok"), 60);
        assertEquals(0, r.status, r.toString());
        assertEquals(List.of(), new Diagnoser(FirmwareSide.of(project, lines(r.output))).diagnose(r.log, null));
        // a broken array that the firmware evidently did not use does not raise F6 either: the wire shows no failure
        Path broken = CProject.write(dir.resolve("broken-good-run"), pki.caCertificate(), "strlen((const char *) ca_pem)");
        assertEquals(List.of(), new Diagnoser(FirmwareSide.of(broken, lines(r.output))).diagnose(r.log, null));
    }

    @Test
    void caArrayOfAnotherPkiIsTheWrongCaForTheBrokersChain() throws Exception {
        TestPki other = TestPki.generate(TestPki.KeyType.RSA_2048, TestPki.DEFAULT_SERVER_NAMES, "other-client");
        Path otherPem = other.writePem(Files.createDirectories(dir.resolve("other-pem"))).ca();
        Path project = CProject.write(dir.resolve("wrong-ca"), other.caCertificate(), "sizeof(ca_pem)");
        FirmwareRun r = FirmwareRun.run(net(), FirmwareRun.command(ReferenceFirmware.MBEDTLS, "--ca", otherPem.toString(),
                "--client-id", "diag-f6-wrong-ca"), 60);
        assertEquals(3, r.status, r.toString());
        assertTrue(r.ids().contains("F7"), r.toString());
        List<Diagnosis> ds = new Diagnoser(FirmwareSide.of(project, lines(r.output))).diagnose(r.log, null);
        Diagnosis d = f6(ds).get(0);
        assertTrue(d.confidence() != Confidence.POSSIBLE, text(ds));
        assertTrue(d.title().contains("wrong CA"), d.title());
        assertTrue(d.evidence().stream().anyMatch(e -> e.seq() > 0 && e.what().contains("fatal alert")), text(ds));
        String broker = pki.caCertificate().getSubjectX500Principal().getName();
        assertTrue(d.evidence().stream().anyMatch(e -> e.what().startsWith("Core/Src/certs.c:" + CProject.ARRAY_LINE + ": wrong CA for the broker")
                && e.what().contains(broker) && e.what().endsWith("[ca-wrong-for-broker]")), text(ds));
    }

    @Test
    void netstepRunWithProjectPrintsTheSourceEvidence() throws Exception {
        Path project = CProject.write(dir.resolve("cli"), pki.caCertificate(), "strlen((const char *) ca_pem)");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Path session = dir.resolve("cli.nsj");
        List<String> args = new ArrayList<>(List.of("run", "--project", project.toString(), "--save-session", session.toString(),
                "--map", FirmwareRun.BROKER_NAME + "=" + tls.endpoint(), "--timeout", "60", "--"));
        args.addAll(FirmwareRun.command(ReferenceFirmware.MBEDTLS, "--ca", ca(), "--client-id", "diag-f6-cli", "--bug-f6"));
        int code = Main.run(args, ps, ps);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(3, code, out);
        assertTrue(out.contains("diagnosis F6 bad-cert-array [CERTAIN]"), out);
        assertTrue(out.contains("Core/Src/certs.c:" + CProject.callLine(project) + ": mbedtls_x509_crt_parse"), out);

        // decode of the saved session has no firmware output: the source side alone makes F6 likely
        ByteArrayOutputStream dec = new ByteArrayOutputStream();
        PrintStream dps = new PrintStream(dec, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(List.of("decode", session.toString(), "--project", project.toString()), dps, dps));
        String decoded = dec.toString(StandardCharsets.UTF_8);
        assertTrue(decoded.contains("diagnosis F6 bad-cert-array [LIKELY]"), decoded);
        assertTrue(decoded.contains("Core/Src/certs.c:" + CProject.callLine(project) + ": mbedtls_x509_crt_parse"), decoded);

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(64, Main.run(List.of("run", "--project", dir.resolve("missing").toString(), "--", "fw"),
                new PrintStream(bad, true, StandardCharsets.UTF_8), new PrintStream(bad, true, StandardCharsets.UTF_8)));
        assertTrue(bad.toString(StandardCharsets.UTF_8).contains("is not a directory"), bad.toString(StandardCharsets.UTF_8));
        assertFalse(out.contains("PRIVATE KEY"), "no key material in the output");
    }
}
