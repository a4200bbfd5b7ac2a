package io.netstep.session.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.NetworkEvent;
import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F5, F6, F8, F9, F10, F13, F14, F15, F16 reproduced through the real path: network faults, firmware
 * switches, mosquitto settings (mutual TLS, a cipher list) and a hostile broker.
 */
class NetworkAndBrokerDiagnosisTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker tls;

    @BeforeAll
    static void start() throws Exception {
        ReferenceFirmware.executable("netstep-fw-mbedtls");
        pki = TestPki.generate(TestPki.KeyType.RSA_2048, TestPki.DEFAULT_SERVER_NAMES, "netstep-client");
        tls = MosquittoBroker.tls(pki, dir.resolve("tls"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
    }

    private static NetworkOptions to(String endpoint, String... faults) {
        NetworkOptions n = new NetworkOptions();
        n.map(FirmwareRun.BROKER_NAME + "=" + endpoint);
        for (String f : faults) {
            n.fault(f);
        }
        return n;
    }

    private static String ca() {
        return dir.resolve("tls/ca.pem").toString();
    }

    @Test
    void refusedConnectIsF15WithTheAddressAndTheRst() throws Exception {
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint(), "refuse"), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f15r"), 60);
        assertEquals(2, r.status, r.toString());
        assertEquals(List.of("F15"), r.ids(), r.toString());
        Diagnosis d = r.only("F15");
        assertEquals(Confidence.CERTAIN, d.confidence());
        assertTrue(d.evidence().stream().anyMatch(e -> r.entry(e.seq()).event() instanceof NetworkEvent.Connect c
                && c.result() == NetworkEvent.ConnectResult.REFUSED), d.toString());
        assertTrue(d.evidence().stream().anyMatch(e -> e.what().contains("with no Sn_IR TIMEOUT bit")), d.toString());
    }

    @Test
    void silentBrokerIsF15WithTheChipTimeout() throws Exception {
        // RTR 100 ms, RCR 2: the chip gives up after 0.1 + 0.2 + 0.4 s instead of 31.8 s
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint(), "blackhole"), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f15b", "--rtr", "1000", "--rcr", "2"), 60);
        assertEquals(2, r.status, r.toString());
        assertTrue(r.output.contains("SOCKERR_TIMEOUT"), r.toString());
        Diagnosis d = r.only("F15");
        assertEquals(Confidence.CERTAIN, d.confidence());
        Evidence timeout = d.evidence().stream().filter(e -> e.what().startsWith("Sn_IR TIMEOUT")).findFirst().orElseThrow();
        assertTrue(r.entry(timeout.seq()).event() instanceof ChipEvent.Interrupt i
                && (i.raised() & Registers.Sn_IR_TIMEOUT) != 0, d.toString());
        assertTrue(d.explanation().contains("RTR = 1000") && d.explanation().contains("0.700 s"), d.explanation());
    }

    @Test
    void skippedDnsIsF5() throws Exception {
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f5", "--bug-f5"), 60);
        assertEquals(2, r.status, r.toString());
        assertTrue(r.output.contains("SOCKERR_IPINVALID"), r.toString());
        assertEquals(List.of("F5"), r.ids(), r.toString());
        Diagnosis d = r.only("F5");
        assertTrue(r.entry(d.evidence().get(0).seq()).event() instanceof ChipEvent.Command c
                && c.command() == Registers.Sn_CR_OPEN, d.toString());
        assertTrue(d.fix().contains("DNS_run"), d.fix());
    }

    @Test
    void pemCaGivenAsDerIsF6ForBothLibraries() throws Exception {
        for (String exe : List.of("netstep-fw-mbedtls", "netstep-fw-wolfssl")) {
            FirmwareRun r = FirmwareRun.run(to(tls.endpoint()), FirmwareRun.command(exe,
                    "--ca", ca(), "--client-id", "diag-f6", "--bug-f6"), 60);
            assertEquals(3, r.status, r.toString());
            assertTrue(r.output.contains("FAIL tls-setup"), r.toString());
            assertEquals(List.of("F6"), r.ids(), r.toString());
            Diagnosis d = r.only("F6");
            assertEquals(Confidence.POSSIBLE, d.confidence(), "the chip cannot see which call failed");
            assertTrue(d.candidates().size() >= 2, d.toString());
        }
    }

    @Test
    void mutualTlsWithoutCertificateIsF8AndWithItNothing() throws Exception {
        try (MosquittoBroker mutual = MosquittoBroker.tls(pki, dir.resolve("mutual"), "require_certificate true")) {
            FirmwareRun bad = FirmwareRun.run(to(mutual.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                    "--ca", ca(), "--client-id", "diag-f8"), 60);
            assertEquals(3, bad.status, bad.toString());
            assertEquals(List.of("F8"), bad.ids(), bad.toString());
            assertEquals(Confidence.CERTAIN, bad.only("F8").confidence());

            Path pem = dir.resolve("mutual");
            FirmwareRun good = FirmwareRun.run(to(mutual.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                    "--ca", ca(), "--cert", pem.resolve("client.pem").toString(), "--key", pem.resolve("client.key").toString(),
                    "--client-id", "diag-f8-ok"), 60);
            assertEquals(0, good.status, good.toString());
            assertEquals(List.of(), good.ids(), good.toString());
        }
    }

    @Test
    void rsaOnlyClientAgainstEcdheBrokerIsF14() throws Exception {
        try (MosquittoBroker ecdhe = MosquittoBroker.tls(pki, dir.resolve("ecdhe"),
                "ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")) {
            FirmwareRun r = FirmwareRun.run(to(ecdhe.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                    "--ca", ca(), "--client-id", "diag-f14", "--bug-f14"), 60);
            assertEquals(3, r.status, r.toString());
            assertEquals(List.of("F14"), r.ids(), r.toString());
            Diagnosis d = r.only("F14");
            assertEquals(Confidence.LIKELY, d.confidence(), d.toString());
            assertTrue(d.evidence().get(0).what().contains("TLS_RSA_WITH_AES_128_GCM_SHA256"), d.toString());
            assertTrue(d.fix().contains("ECDHE"), d.fix());
        }
    }

    @Test
    void readPathThatNeverReadsIsF13() throws Exception {
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f13", "--bug-f13"), 60);
        assertEquals(4, r.status, r.toString());
        assertEquals(List.of("F13"), r.ids(), r.toString());
        Diagnosis d = r.only("F13");
        assertEquals(Confidence.CERTAIN, d.confidence());
        assertTrue(r.entry(d.evidence().get(0).seq()).event() instanceof ChipEvent.Data data && !data.tx(), d.toString());
    }

    @Test
    void reconnectsWithoutCloseAreF16() throws Exception {
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f16", "--bug-f16"), 60);
        assertEquals(2, r.status, r.toString());
        assertTrue(r.output.contains("no free socket"), r.toString());
        Diagnosis d = r.only("F16");
        assertEquals(Confidence.LIKELY, d.confidence());
        // one evidence line per socket, each pointing at that socket's Sn_CR OPEN
        for (int sn = 0; sn < 8; sn++) {
            int s = sn;
            Evidence e = d.evidence().stream().filter(x -> x.what().startsWith("socket " + s + ":")).findFirst().orElseThrow();
            assertTrue(r.entry(e.seq()).event() instanceof ChipEvent.Command c && c.socket() == s
                    && c.command() == Registers.Sn_CR_OPEN, d.toString());
        }
    }

    @Test
    void silentFirmwareIsF10WithTheKeepalive() throws Exception {
        try (MosquittoBroker plain = MosquittoBroker.plain(dir.resolve("plain"))) {
            FirmwareRun r = FirmwareRun.run(to(plain.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                    "--no-tls", "--client-id", "diag-f10", "--keepalive", "1", "--bug-f10"), 60);
            assertEquals(4, r.status, r.toString());
            assertEquals(List.of("F10"), r.ids(), r.toString());
            Diagnosis d = r.only("F10");
            assertEquals(Confidence.CERTAIN, d.confidence());
            assertTrue(d.evidence().get(0).what().contains("Keep Alive = 1 s"), d.toString());
            assertTrue(d.explanation().contains("MQTTYield() was not called"), d.explanation());
            assertTrue(plain.log().contains("exceeded timeout"), "mosquitto closed it for keepalive");
        }
    }

    @Test
    void silentFirmwareOverTlsIsF10WithTheDecryptedKeepalive() throws Exception {
        FirmwareRun r = FirmwareRun.run(to(tls.endpoint()), FirmwareRun.command("netstep-fw-mbedtls",
                "--ca", ca(), "--client-id", "diag-f10-tls", "--keepalive", "1", "--bug-f10"), 60);
        assertEquals(4, r.status, r.toString());
        assertEquals(List.of("F10"), r.ids(), r.toString());
        Diagnosis d = r.only("F10");
        assertEquals(Confidence.CERTAIN, d.confidence(), d.toString());
        assertTrue(d.evidence().get(0).what().equals("CONNECT (decrypted) with Keep Alive = 1 s") && d.evidence().get(0).seq() > 0,
                d.toString());
    }

    @Test
    void malformedConnackFromAHostileBrokerIsF9() throws Exception {
        try (ServerSocket hostile = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answerWithBadConnack(hostile), "hostile-broker");
            t.setDaemon(true);
            t.start();
            FirmwareRun r = FirmwareRun.run(to("127.0.0.1:" + hostile.getLocalPort()), FirmwareRun.command(
                    "netstep-fw-mbedtls", "--no-tls", "--client-id", "diag-f9"), 60);
            assertEquals(4, r.status, r.toString());
            assertTrue(r.output.contains("malformed CONNACK"), r.toString());
            assertEquals(List.of("F9"), r.ids(), r.toString());
            Diagnosis d = r.only("F9");
            assertTrue(d.evidence().get(0).what().contains("20 03 00 00 00"), d.toString());
            assertTrue(d.evidence().stream().anyMatch(e -> e.what().contains("remaining length 3, must be 2")), d.toString());
        }
    }

    @Test
    void malformedConnackOverTlsIsF9FromTheDecryptedPacket() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.2");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", pki.serverKey(), "x".toCharArray(),
                new java.security.cert.X509Certificate[] {pki.serverCertificate(), pki.caCertificate()});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        ctx.init(kmf.getKeyManagers(), null, null);
        try (ServerSocket hostile = ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answerWithBadConnack(hostile), "hostile-tls-broker");
            t.setDaemon(true);
            t.start();
            FirmwareRun r = FirmwareRun.run(to("127.0.0.1:" + hostile.getLocalPort()), FirmwareRun.command(
                    "netstep-fw-mbedtls", "--ca", ca(), "--client-id", "diag-f9-tls"), 60);
            assertEquals(4, r.status, r.toString());
            assertTrue(r.output.contains("malformed CONNACK"), r.toString());
            assertEquals(List.of("F9"), r.ids(), r.toString());
            Diagnosis d = r.only("F9");
            assertTrue(d.evidence().get(0).what().contains("(decrypted): 20 03 00 00 00") && d.evidence().get(0).seq() > 0,
                    d.toString());
            assertTrue(d.evidence().size() > 1, "the decoder's rule violations are listed\n" + d);
        }
    }

    /** Reads a CONNECT and answers with a CONNACK of remaining length 3 (§3.2.1 says 2). */
    private static void answerWithBadConnack(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            if (in.read() != 0x10) {
                return;
            }
            int len = in.read();
            in.readNBytes(len);
            s.getOutputStream().write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00});
            s.getOutputStream().flush();
            in.read(); // until the firmware closes
        } catch (IOException e) {
            // the test fails on the firmware's side if this did not work
        }
    }
}
