package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.session.cli.Main;
import io.netstep.testing.MosquittoBroker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project as an STM32CubeIDE user without a NetStep checkout gets it: no shim folder (the shim's
 * sources are copied in), wolfSSL pinned to TLS 1.3, an MQTT user name and password. Its Host
 * configuration builds from the project alone (make -f NetStep/host.mk) and connects through the
 * virtual W5500 over TLS 1.3 to a real mosquitto that refuses anonymous clients.
 */
class SelfContainedHostBuildTest {

    @TempDir
    Path tmp;

    @Test
    void copiedShimTls13AndCredentialsConnectToMosquitto() throws Exception {
        assumeTrue(Checkout.onPath("make") && Checkout.onPath("cc"), "make and a host C compiler are needed");
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        ProjectSpec spec = Checkout.spec("fw-standalone").shim(null).profile(BrokerProfile.MOSQUITTO)
                .broker("broker.netstep.test:8883").ca(pem.ca()).clientId("nucleoStandalone")
                .tls(TlsLibrary.WOLFSSL).tlsVersion(TlsVersion.TLS_1_3).tlsOutputBuffer(2048)
                .userName("device7").password("pw-7 with spaces").build();
        Path dir = tmp.resolve(spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);

        Checkout.Result build = Checkout.run(dir, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
        assertEquals(0, build.status(), build.output());
        assertFalse(build.output().contains("warning:"), "the host build has warnings:\n" + build.output());
        assertTrue(build.output().contains("NetStep/shim/netstep_shim.c"), "the shim was built from the project's copy:\n" + build.output());
        assertFalse(build.output().contains(Checkout.shim().toString()), "nothing of the checkout's shim was used:\n" + build.output());
        Path exe = dir.resolve("Host/" + spec.name());

        Path passwd = MosquittoBroker.passwordFile(tmp.resolve("auth"), "device7", "pw-7 with spaces");
        try (MosquittoBroker broker = MosquittoBroker.tls(pem, tmp.resolve("broker"), "password_file " + passwd,
                "allow_anonymous false")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            int status = Main.run(List.of("run", "--map", "broker.netstep.test=127.0.0.1:" + broker.port(), "--timeout", "120",
                    "--", exe.toString()), out, out);
            String text = buf.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, text + "\n---- mosquitto ----\n" + broker.log());
            assertTrue(text.contains("fw| INFO TLS TLSv1.3"), "the glue pinned TLS 1.3:\n" + text);
            assertTrue(text.contains("fw| CONNACK rc=0"), text);
            assertTrue(text.contains("fw| RECEIVED " + spec.mqtt().topics().get(0) + " " + spec.mqtt().message()), text);
            assertTrue(broker.log().contains("u'device7'"), "mosquitto saw the user name:\n" + broker.log());
            assertFalse(text.contains("pw-7"), "the password is not logged");
        }

        // the same firmware with a wrong password in its secrets header is refused (CONNACK 5)
        Path secrets = dir.resolve("Core/Inc/netstep_secrets.h");
        Files.writeString(secrets, Files.readString(secrets).replace("pw-7 with spaces", "wrong"));
        Checkout.Result rebuild = Checkout.run(dir, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
        assertTrue(rebuild.output().contains("mqtt_app.c"), "editing the header rebuilt mqtt_app.o:\n" + rebuild.output());
        assertEquals(0, rebuild.status(), rebuild.output());
        try (MosquittoBroker broker = MosquittoBroker.tls(pem, tmp.resolve("broker2"), "password_file " + passwd,
                "allow_anonymous false")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            int status = Main.run(List.of("run", "--map", "broker.netstep.test=127.0.0.1:" + broker.port(), "--timeout", "120",
                    "--", exe.toString()), out, out);
            String text = buf.toString(StandardCharsets.UTF_8);
            assertTrue(status != 0, text);
            assertTrue(text.contains("fw| CONNACK rc=5") || text.contains("FAIL mqtt-connect"), text);
        }
    }
}
