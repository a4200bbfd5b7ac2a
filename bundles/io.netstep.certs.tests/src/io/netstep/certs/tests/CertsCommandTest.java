package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.certs.cli.CertsCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** {@code netstep certs …} end to end: real files, real gcc + TLS libraries for what make-pki writes. */
class CertsCommandTest {

    @TempDir Path tmp;

    record Result(int exit, String out, String err) { }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = CertsCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().exit());
        assertEquals(2, run("frobnicate").exit());
        assertEquals(2, run("to-c", "x.pem", "--name", "ca").exit());
        Result bad = run("to-c", "x.pem", "--lib", "mbedtls", "--name", "1ca");
        assertEquals(2, bad.exit(), bad.err());
        assertEquals(2, run("check", "a", "b").exit());
        assertEquals(2, run("inspect", "--bogus").exit());
        assertTrue(run("inspect").err().contains("usage: netstep certs inspect"));
    }

    @Test
    void makePkiThenInspectConvertAndCheck() throws Exception {
        Path pki = tmp.resolve("pki");
        Result made = run("make-pki", pki.toString(), "--server-name", "mqtt.local");
        assertEquals(0, made.exit(), made.err());
        assertTrue(made.out().contains("localhost, 127.0.0.1, mqtt.local"), made.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("client.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("mbedtls/netstep_client.c"))));

        Result ok = run("inspect", pki.resolve("server.pem").toString(), pki.resolve("server.key").toString(), "--ca",
                pki.resolve("ca.pem").toString(), "--host", "mqtt.local");
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("no problems found") && ok.out().contains("names     localhost, 127.0.0.1, mqtt.local"), ok.out());
        Result wrongHost = run("inspect", pki.resolve("server.pem").toString(), "--ca", pki.resolve("ca.pem").toString(), "--host", "broker.example");
        assertEquals(1, wrongHost.exit());
        assertTrue(wrongHost.out().contains("[hostname-mismatch]"), wrongHost.out());
        Result wrongKey = run("inspect", pki.resolve("client.pem").toString(), pki.resolve("server.key").toString());
        assertEquals(1, wrongKey.exit());
        assertTrue(wrongKey.out().contains("[key-mismatch]"), wrongKey.out());

        Result check = run("check", pki.toString(), "--broker-chain", pki.resolve("server.pem").toString(), "--ca", pki.resolve("ca.pem").toString());
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().endsWith("6 array(s), 0 error(s), 0 warning(s)\n"), check.out());

        // what make-pki wrote parses and verifies with the real libraries
        for (String lib : List.of("mbedtls", "wolfssl")) {
            Path dir = pki.resolve(lib);
            Files.writeString(dir.resolve("main.c"), lib.equals("mbedtls") ? CArrayRoundTripTest.MBEDTLS_MAIN.replace("broker.test", "mqtt.local")
                    : CArrayRoundTripTest.WOLFSSL_MAIN);
            Path exe = NativeBuild.compile(dir, List.of(dir.resolve("main.c"), dir.resolve("netstep_ca.c"), dir.resolve("netstep_client.c")),
                    lib.equals("mbedtls") ? NativeBuild.MBEDTLS_LIBS : NativeBuild.WOLFSSL_LIBS);
            NativeBuild.Run r = NativeBuild.exec(dir, List.of(exe.toString(), pki.resolve("server.pem").toString()));
            assertEquals(0, r.exit(), lib + ": " + r.output());
        }

        Path out = tmp.resolve("out");
        Result toC = run("to-c", pki.resolve("client.pem").toString(), pki.resolve("client.key").toString(), "--lib", "wolfssl",
                "--name", "device", "--format", "der", "--out", out.toString());
        assertEquals(0, toC.exit(), toC.err());
        assertTrue(toC.out().contains("(private key: mode 0600)"));
        String h = Files.readString(out.resolve("device.h"));
        assertTrue(h.contains("#define DEVICE_CERT_FORMAT WOLFSSL_FILETYPE_ASN1") && h.contains("extern const unsigned char device_key[];"), h);
    }

    @Test
    void brokenInputsAreFindingsNotCrashes() throws Exception {
        Path garbage = tmp.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nMIIB\"oops\n-----END CERTIFICATE-----\n");
        Result g = run("inspect", garbage.toString());
        assertEquals(1, g.exit());
        assertTrue(g.out().contains("garbage.pem line 2: not base64: '\"' (a quote)"), g.out());
        assertEquals("", g.err());

        Path project = Files.createDirectories(tmp.resolve("fw"));
        Path pki = tmp.resolve("pki");
        assertEquals(0, run("make-pki", pki.toString()).exit());
        List<String> lines = CProjects.lines(Files.readString(pki.resolve("ca.pem")));
        Files.writeString(project.resolve("tls.c"), "static const char ca[] =" + CProjects.pemLiteral(lines, "\\n") + ";\n"
                + "int setup(mbedtls_x509_crt *c)\n{\n    return mbedtls_x509_crt_parse(c, (const unsigned char *) ca, strlen(ca));\n}\n");
        Result c = run("check", project.toString());
        assertEquals(1, c.exit(), c.out());
        assertTrue(c.out().contains("tls.c:" + (lines.size() + 4) + ": error: mbedtls_x509_crt_parse is given"), c.out());
        assertTrue(c.out().contains("[pem-missing-nul]") && c.out().contains("fix: pass sizeof(ca) or strlen((const char *) ca) + 1"), c.out());
        // the corrected array: same name, NUL counted, and the real mbedTLS parses it
        Path fixed = tmp.resolve("fixed");
        Result f = run("check", project.toString(), "--write-fixed", fixed.toString());
        assertTrue(f.out().contains("ca rewritten as " + fixed.resolve("ca.c")), f.out());
        Files.writeString(fixed.resolve("main.c"), "#include <stdio.h>\n#include <mbedtls/x509_crt.h>\n#include \"ca.h\"\n"
                + "int main(void) { mbedtls_x509_crt c; mbedtls_x509_crt_init(&c); return mbedtls_x509_crt_parse(&c, ca, ca_len) == 0 ? 0 : 1; }\n");
        Path exe = NativeBuild.compile(fixed, List.of(fixed.resolve("main.c"), fixed.resolve("ca.c")), NativeBuild.MBEDTLS_LIBS);
        assertEquals(0, NativeBuild.exec(fixed, List.of(exe.toString())).exit());
        Result recheck = run("check", fixed.toString());
        assertEquals(0, recheck.exit(), recheck.out());

        Result missing = run("inspect", tmp.resolve("nope.pem").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.out().contains("nope.pem: no such file"), missing.out());
    }
}
