package io.netstep.session.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F1, F2, F3, F7 reproduced with the reference firmware's switches against one mosquitto
 * (TLS 1.2, EC test PKI), and the correct firmware, under the same trickling network,
 * diagnosed with nothing.
 */
class TlsFailureDiagnosisTest {

    private static final String TRICKLE = "chunk=7,delay=2";

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker broker;

    @BeforeAll
    static void start() throws Exception {
        ReferenceFirmware.executable("netstep-fw-mbedtls");
        // RSA and many names: a server Certificate record of ~2 KB, as with a real chain (AWS IoT's is ~5 KB)
        List<String> names = new java.util.ArrayList<>(TestPki.DEFAULT_SERVER_NAMES);
        for (int i = 0; i < 40; i++) {
            names.add("device-" + i + ".broker.netstep.test");
        }
        pki = TestPki.generate(TestPki.KeyType.RSA_2048, names, "netstep-client");
        broker = MosquittoBroker.tls(pki, dir.resolve("broker"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static NetworkOptions net(String... faults) {
        NetworkOptions n = new NetworkOptions();
        n.map(FirmwareRun.BROKER_NAME + "=" + broker.endpoint());
        for (String f : faults) {
            n.fault(f);
        }
        return n;
    }

    private static String ca() {
        return dir.resolve("broker/ca.pem").toString();
    }

    @Test
    void correctFirmwareGetsNoDiagnosis() throws Exception {
        for (String exe : List.of("netstep-fw-mbedtls", "netstep-fw-wolfssl")) {
            FirmwareRun r = FirmwareRun.run(net(TRICKLE), FirmwareRun.command(exe, "--ca", ca(), "--client-id", "good-" + exe), 60);
            assertEquals(0, r.status, r.toString());
            assertTrue(r.output.contains("CONNACK rc=0"), r.toString());
            assertEquals(List.of(), r.ids(), r.toString());
        }
    }

    @Test
    void netstepRunPrintsTheDiagnosis() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("run", "--map", FirmwareRun.BROKER_NAME + "=" + broker.endpoint(),
                "--fault", TRICKLE, "--timeout", "60", "--"));
        args.addAll(FirmwareRun.command("netstep-fw-mbedtls", "--ca", ca(), "--client-id", "diag-cli", "--bug-f2"));
        int rc = io.netstep.session.cli.Main.run(args, ps, ps);
        String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, rc, text);
        int section = text.indexOf("---- diagnosis ----");
        assertTrue(section > 0, text);
        assertTrue(text.indexOf("diagnosis F2 recv-zero-as-eof [LIKELY]", section) > 0, text);
        assertTrue(text.indexOf("fix: In the TLS receive callback return MBEDTLS_ERR_SSL_WANT_READ", section) > 0, text);
    }

    @Test
    void strandedConnackIsF1() throws Exception {
        FirmwareRun r = FirmwareRun.run(net(TRICKLE), FirmwareRun.command("netstep-fw-mbedtls", "--ca", ca(),
                "--client-id", "diag-f1", "--bug-f1"), 60);
        assertEquals(4, r.status, r.toString());
        Diagnosis d = r.only("F1");
        assertEquals(List.of("F1"), r.ids(), r.toString());
        // with mbedTLS's key log the record is decrypted: it holds the whole CONNACK
        assertEquals(Confidence.CERTAIN, d.confidence(), d.toString());
        assertTrue(d.evidence().stream().anyMatch(e -> e.seq() > 0 && e.what().contains("MQTT CONNACK (4 bytes: 20 02 00 00)")),
                d.toString());
        // the evidence names the record's arrival and the SPI read that took it off the chip
        Evidence arrival = d.evidence().get(0);
        assertTrue(r.entry(arrival.seq()).event() instanceof ChipEvent.Data data && !data.tx(), d.toString());
        Evidence read = d.evidence().get(1);
        assertTrue(r.entry(read.seq()).event() instanceof ChipEvent.SpiFrame f && f.block() == Registers.rxBlock(0)
                && !f.write(), d.toString());
        assertTrue(read.seq() > arrival.seq());
        assertTrue(d.fix().contains("mbedtls_ssl_read()"), d.fix());
    }

    @Test
    void zeroFromTheReceiveCallbackIsF2() throws Exception {
        FirmwareRun r = FirmwareRun.run(net(TRICKLE), FirmwareRun.command("netstep-fw-mbedtls", "--ca", ca(),
                "--client-id", "diag-f2", "--bug-f2"), 60);
        assertEquals(3, r.status, r.toString());
        assertTrue(r.output.contains("-0x7280"), r.toString());
        assertEquals(List.of("F2"), r.ids(), r.toString());
        Diagnosis d = r.only("F2");
        Evidence close = d.evidence().stream().filter(e -> e.what().startsWith("the firmware closed")).findFirst().orElseThrow();
        assertTrue(r.entry(close.seq()).event() instanceof ChipEvent.Command c
                && (c.command() == Registers.Sn_CR_CLOSE || c.command() == Registers.Sn_CR_DISCON), d.toString());
        assertTrue(d.evidence().stream().anyMatch(e -> e.what().startsWith("Sn_RX_RSR = 0")), d.toString());
        assertTrue(d.fix().contains("MBEDTLS_ERR_SSL_WANT_READ"), d.fix());
    }

    @Test
    void smallInputBufferIsF3WithTheRecordSize() throws Exception {
        FirmwareRun r = FirmwareRun.run(net(), FirmwareRun.command("netstep-fw-mbedtls", "--ca", ca(),
                "--client-id", "diag-f3", "--tls-in-buf", "512"), 60);
        assertEquals(3, r.status, r.toString());
        assertTrue(r.output.contains("-0x7100"), r.toString());
        assertEquals(List.of("F3"), r.ids(), r.toString());
        Diagnosis d = r.only("F3");
        assertEquals(Confidence.LIKELY, d.confidence(), d.toString());
        // the record named is the broker's Certificate (it carries the DER server certificate),
        // larger than 512 + 320 bytes, and its size is the one in the header the chip received
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("a (\\d+)-byte").matcher(d.title());
        assertTrue(m.find(), d.title());
        int size = Integer.parseInt(m.group(1));
        assertTrue(size > 832 && size > pki.serverCertificate().getEncoded().length, d.title());
        ChipEvent.Data header = (ChipEvent.Data) r.entry(d.evidence().get(0).seq()).event();
        assertTrue(java.util.HexFormat.of().formatHex(header.bytes()).contains(String.format("160303%04x", size)),
                "the evidence entry carries the record header announcing " + size);
        assertTrue(d.fix().contains("MBEDTLS_SSL_IN_CONTENT_LEN"), d.fix());
    }

    @Test
    void foreignCaIsF7NamingTheIssuer() throws Exception {
        Path other = dir.resolve("other");
        TestPki.generate().writePem(other);
        FirmwareRun r = FirmwareRun.run(net(), FirmwareRun.command("netstep-fw-mbedtls", "--ca",
                other.resolve("ca.pem").toString(), "--client-id", "diag-f7"), 60);
        assertEquals(3, r.status, r.toString());
        assertEquals(List.of("F7"), r.ids(), r.toString());
        Diagnosis d = r.only("F7");
        String issuer = pki.serverCertificate().getIssuerX500Principal().getName();
        assertTrue(d.fix().contains(issuer), d.fix());
        assertNotEquals(0, d.evidence().get(1).seq());
    }
}
