package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.project.cli.NewProjectCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT credentials, the TLS version and the TLS output buffer, from the spec (and the CLI) to
 * the files: the password only in the owner-only secrets header that .gitignore lists, the version
 * pinned in the glue, the output buffer checked at compile time and against the device's certificate.
 */
class SecretsAndTlsSettingsTest {

    private static final String PASSWORD = "s3cr\"et\\pw?";

    @TempDir
    Path tmp;

    @Test
    void credentialsGoOnlyToAnOwnerOnlyHeaderThatGitIgnores() throws Exception {
        ProjectSpec spec = Checkout.spec("fw-creds").profile(BrokerProfile.MOSQUITTO).broker("broker.netstep.test")
                .userName("device7").password(PASSWORD).build();
        Path dir = tmp.resolve(spec.name());
        GeneratedProject p = ProjectGenerator.generate(spec, dir, ProgressListener.NONE);

        Path secrets = dir.resolve("Core/Inc/netstep_secrets.h");
        assertTrue(p.files().contains("Core/Inc/netstep_secrets.h"), p.files().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
        String header = Files.readString(secrets);
        assertTrue(header.contains("#define NETSTEP_MQTT_USERNAME \"device7\"\n"), header);
        // quotes and backslashes escaped, '?' as octal (no trigraph)
        assertTrue(header.contains("#define NETSTEP_MQTT_PASSWORD \"s3cr\\\"et\\\\pw\\077\"\n"), header);
        List<String> ignored = Files.readAllLines(dir.resolve(".gitignore"));
        assertTrue(ignored.contains("/Core/Inc/netstep_secrets.h"), ignored.toString());
        assertTrue(ignored.contains("/Host/"), ignored.toString());

        // no other file carries the password, in any spelling
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(secrets)).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("s3cr"), f + " holds the password");
            }
        }
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("`Core/Inc/netstep_secrets.h` only") && readme.contains("0600") && readme.contains(".gitignore"), readme);
        assertTrue(Files.readString(dir.resolve("Core/Src/mqtt_app.c")).contains("options.password.cstring = (char *)NETSTEP_MQTT_PASSWORD;"));
        assertFalse(spec.toString().contains("s3cr"), "the spec's toString hides the password: " + spec);
    }

    @Test
    void withoutCredentialsThereIsNoSecretsHeaderAndTheReadmeSaysHowToAddOne() throws Exception {
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        ProjectSpec spec = Specs.forProfile(BrokerProfile.AWS_IOT, TlsLibrary.MBEDTLS, pem);
        Path dir = tmp.resolve(spec.name());
        GeneratedProject p = ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        assertFalse(p.files().contains("Core/Inc/netstep_secrets.h"));
        assertFalse(Files.exists(dir.resolve("Core/Inc/netstep_secrets.h")));
        // the device key is in netstep_certs.c: git ignores that file too
        assertTrue(Files.readAllLines(dir.resolve(".gitignore")).contains("/Core/Src/netstep_certs.c"));
        assertTrue(Files.readString(dir.resolve("README.md")).contains("create `Core/Inc/netstep_secrets.h`"));
    }

    @Test
    void aPasswordWithoutUserNameIsAnError() {
        ProjectSpec spec = Checkout.spec("fw-pw").password("x").build();
        assertTrue(spec.errors().stream().anyMatch(e -> e.field().equals("mqtt.password")), spec.errors().toString());
        assertThrows(ProjectGenerator.InvalidSpecException.class,
                () -> ProjectGenerator.generate(spec, tmp.resolve("fw-pw"), ProgressListener.NONE));
        assertFalse(Files.exists(tmp.resolve("fw-pw")), "nothing was written");
    }

    @Test
    void theWolfSslGluePinsTls13WhenAskedAndTls12ByDefault() throws Exception {
        ProjectSpec v13 = Checkout.spec("fw-wolf13").tls(TlsLibrary.WOLFSSL).tlsVersion(TlsVersion.TLS_1_3).build();
        assertEquals(List.of(), v13.errors());
        Path d13 = tmp.resolve(v13.name());
        ProjectGenerator.generate(v13, d13, ProgressListener.NONE);
        assertTrue(Files.readString(d13.resolve("Core/Inc/netstep_app_config.h")).contains("#define NETSTEP_TLS_VERSION 0x0304\n"));
        String glue = Files.readString(d13.resolve("Core/Src/tls_port.c"));
        assertTrue(glue.contains("wolfSSL_CTX_new(NETSTEP_WOLFSSL_METHOD())"), glue);
        assertTrue(glue.contains("#define NETSTEP_WOLFSSL_METHOD wolfTLSv1_3_client_method"), glue);
        assertFalse(glue.contains("wolfSSLv23_client_method"), "no version-flexible method: the version is pinned");
        // what the preprocessor makes of it with the host's wolfSSL: the TLS 1.3 client method only
        assertEquals("wolfTLSv1_3_client_method", methodAfterPreprocessing(d13));

        ProjectSpec v12 = Checkout.spec("fw-wolf12").tls(TlsLibrary.WOLFSSL).build();
        assertEquals(TlsVersion.TLS_1_2, v12.tls().version());
        Path d12 = tmp.resolve(v12.name());
        ProjectGenerator.generate(v12, d12, ProgressListener.NONE);
        assertEquals("wolfTLSv1_2_client_method", methodAfterPreprocessing(d12));
    }

    /** The argument of wolfSSL_CTX_new in the preprocessed glue (host gcc, the host's wolfSSL headers). */
    private static String methodAfterPreprocessing(Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Checkout.onPath("cc"), "a host C compiler is needed");
        Checkout.Result r = Checkout.run(dir, List.of("cc", "-E", "-P", "-DNETSTEP_HOST", "-D_WIZCHIP_=W5500", "-ICore/Inc",
                "-I" + Checkout.shim().resolve("include"), "Core/Src/tls_port.c"), 60);
        assertEquals(0, r.status(), r.output());
        int at = r.output().indexOf("ctx = wolfSSL_CTX_new(");
        assertTrue(at >= 0, r.output());
        String rest = r.output().substring(at + "ctx = wolfSSL_CTX_new(".length());
        return rest.substring(0, rest.indexOf('(')).strip();
    }

    @Test
    void mbedTlsRefusesTls13() {
        ProjectSpec spec = Checkout.spec("fw-mbed13").tls(TlsLibrary.MBEDTLS).tlsVersion(TlsVersion.TLS_1_3).build();
        assertTrue(spec.errors().stream().anyMatch(e -> e.field().equals("tls.version") && e.message().contains("only TLS 1.2")),
                spec.errors().toString());
    }

    @Test
    void theOutputBufferReachesTheConfigAndTheMbedTlsCheck() throws Exception {
        ProjectSpec spec = Checkout.spec("fw-out").tlsOutputBuffer(2048).build();
        Path dir = tmp.resolve(spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        assertTrue(Files.readString(dir.resolve("Core/Inc/netstep_app_config.h")).contains("#define NETSTEP_TLS_OUT_CONTENT_LEN 2048\n"));
        String glue = Files.readString(dir.resolve("Core/Src/tls_port.c"));
        assertTrue(glue.contains("#if defined(MBEDTLS_SSL_OUT_CONTENT_LEN) && MBEDTLS_SSL_OUT_CONTENT_LEN < NETSTEP_TLS_OUT_CONTENT_LEN"), glue);
        assertTrue(glue.contains("mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);"), glue);
        // an mbedTLS configured with a smaller output buffer stops the build (host gcc, Debian's mbedTLS headers)
        org.junit.jupiter.api.Assumptions.assumeTrue(Checkout.onPath("cc"), "a host C compiler is needed");
        Checkout.Result small = Checkout.run(dir, List.of("cc", "-fsyntax-only", "-DNETSTEP_HOST", "-D_WIZCHIP_=W5500",
                "-DMBEDTLS_SSL_OUT_CONTENT_LEN=1024", "-ICore/Inc", "-I" + Checkout.shim().resolve("include"), "Core/Src/tls_port.c"), 60);
        assertTrue(small.status() != 0 && small.output().contains("MBEDTLS_SSL_OUT_CONTENT_LEN is smaller than the device's records need"),
                small.output());
        Checkout.Result enough = Checkout.run(dir, List.of("cc", "-fsyntax-only", "-DNETSTEP_HOST", "-D_WIZCHIP_=W5500",
                "-DMBEDTLS_SSL_OUT_CONTENT_LEN=2048", "-ICore/Inc", "-I" + Checkout.shim().resolve("include"), "Core/Src/tls_port.c"), 60);
        assertEquals(0, enough.status(), enough.output());
    }

    @Test
    void anOutputBufferSmallerThanTheDevicesCertificateMessageIsAnError() throws Exception {
        TestPki.PemFiles pem = TestPki.generate(TestPki.KeyType.RSA_2048, List.of("broker.netstep.test"), "dev").writePem(tmp.resolve("pki"));
        ProjectSpec spec = Checkout.spec("fw-rsa").profile(BrokerProfile.CUSTOM).broker("broker.netstep.test").ca(pem.ca())
                .clientCertificate(pem.clientCert()).clientKey(pem.clientKey()).tlsOutputBuffer(512).build();
        assertTrue(spec.errors().stream().anyMatch(e -> e.field().equals("tls.outputBuffer") && e.message().contains("Certificate message")),
                spec.errors().toString());
        ProjectSpec roomy = Checkout.spec("fw-rsa").profile(BrokerProfile.CUSTOM).broker("broker.netstep.test").ca(pem.ca())
                .clientCertificate(pem.clientCert()).clientKey(pem.clientKey()).tlsOutputBuffer(4096).build();
        assertTrue(roomy.errors().stream().noneMatch(e -> e.field().equals("tls.outputBuffer")), roomy.errors().toString());
    }

    @Test
    void theCommandLineTakesUserPasswordFileTlsVersionAndOutputBuffer() throws Exception {
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, PASSWORD + "\n");
        List<String> args = new ArrayList<>(List.of("--iolibrary", Checkout.wiznet().toString(), "--mqtt-client",
                Checkout.mqtt().toString(), "--tls", "wolfssl", "--tls-version", "1.3", "--tls-out-buffer", "3072",
                "--user", "device7", "--password-file", pw.toString(), tmp.resolve("cli-dev").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, NewProjectCommand.run(args, ps, ps), out.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("s3cr"), "the password is never printed");
        Path dir = tmp.resolve("cli-dev");
        String config = Files.readString(dir.resolve("Core/Inc/netstep_app_config.h"));
        assertTrue(config.contains("#define NETSTEP_TLS_VERSION 0x0304\n") && config.contains("#define NETSTEP_TLS_OUT_CONTENT_LEN 3072\n"), config);
        assertTrue(Files.readString(dir.resolve("Core/Inc/netstep_secrets.h")).contains("\"s3cr\\\"et\\\\pw\\077\""));
        // no --shim: the shim's sources are in the project
        assertTrue(Files.isRegularFile(dir.resolve("NetStep/shim/netstep_shim.c")));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream es = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>(args);
        missing.set(missing.indexOf(pw.toString()), tmp.resolve("nope.txt").toString());
        missing.set(missing.size() - 1, tmp.resolve("cli-missing").toString());
        assertEquals(1, NewProjectCommand.run(missing, es, es));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the password file"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("cli-missing")), "nothing was written");
        List<String> badVersion = new ArrayList<>(args);
        badVersion.set(badVersion.indexOf("1.3"), "1.4");
        assertEquals(2, NewProjectCommand.run(badVersion, es, es));
    }
}
