package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.AlertMessage;
import io.netstep.tls.Direction;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.names.TlsNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts from real failed handshakes (F14 no common cipher, F7 untrusted server, F8 client certificate). */
class AlertAndFailureTest {

    @Test
    void noCommonCipherGivesHandshakeFailureFromServer() throws Exception {
        OpenSsl.Options o = new OpenSsl.Options();
        o.server("-cipher", "ECDHE-RSA-AES128-GCM-SHA256").client("-tls1_2", "-cipher", "AES256-SHA:@SECLEVEL=0");
        o.expectReply = false;
        TlsConnectionDecoder d = OpenSsl.run(o).decode(false);

        List<AlertMessage> alerts = d.alerts();
        assertEquals(1, alerts.size(), alerts.toString());
        AlertMessage a = alerts.get(0);
        assertEquals(Direction.SERVER_TO_CLIENT, a.direction());
        assertEquals("fatal", a.levelName());
        assertEquals("handshake_failure", a.descriptionName());
        assertEquals(40, a.description());
        assertEquals(List.of("TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
                d.offeredCipherSuites());
        assertEquals(null, d.chosenCipherSuite());
        assertEquals("CLOSED", d.clientState());
        assertEquals("CLOSED", d.serverState());
        assertEquals("CLOSED", a.clientState());
    }

    @Test
    void untrustedServerChainGivesUnknownCaFromClient() throws Exception {
        Path otherCa = OpenSsl.DIR.resolve("other-ca.pem");
        TestCertificates.writePem(otherCa, new TestCertificates("CN=Some Other CA,O=Elsewhere").ca);
        OpenSsl.Options o = OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256");
        o.client("-verify_return_error", "-CAfile", otherCa.toString());
        o.expectReply = false;
        TlsConnectionDecoder d = OpenSsl.run(o).decode(false);

        AlertMessage a = d.alerts().get(0);
        assertEquals(Direction.CLIENT_TO_SERVER, a.direction());
        assertEquals("unknown_ca", a.descriptionName());
        assertTrue(a.isFatal());
        // The chain the client refused is there to check against the project's CA (F7).
        assertEquals(2, d.serverCertificates().certificates().size());
    }

    @Test
    void clientWithoutCertificateAnswersCertificateRequestWithEmptyCertificate() throws Exception {
        for (OpenSsl.Options o : List.of(OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256"),
                OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256"))) {
            o.server("-verify", "1");
            TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
            assertTrue(d.certificateRequested());
            assertEquals(Boolean.TRUE, d.clientSentEmptyCertificate());
        }
    }

    @Test
    void clientCertificateAndCertificateVerifyAreDecoded() throws Exception {
        for (OpenSsl.Options o : List.of(OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256"),
                OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256"))) {
            o.server("-verify", "1", "-CAfile", OpenSsl.DIR.resolve("ca.pem").toString());
            o.client("-cert", OpenSsl.DIR.resolve("ec.pem").toString(), "-key", OpenSsl.DIR.resolve("ec.key").toString());
            TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
            java.util.List<io.netstep.tls.TlsEvent> events = d.drainEvents();
            assertEquals(Boolean.FALSE, d.clientSentEmptyCertificate());
            assertTrue(events.stream().anyMatch(e -> e.direction() == Direction.CLIENT_TO_SERVER
                    && e.type().equals("CertificateVerify")
                    && e.fields().find("algorithm").value().startsWith("ecdsa_secp256r1_sha256")),
                    Capture.summaries(events).toString());
            String expected = o.clientArgs.contains("-tls1_2") ? "WAIT_CHANGE_CIPHER_SPEC" : "WAIT_FINISHED";
            assertTrue(events.stream().anyMatch(e -> e.type().equals("CertificateVerify")
                    && e.direction() == Direction.CLIENT_TO_SERVER && e.serverState().equals(expected)),
                    Capture.summaries(events).toString());
            assertEquals("CONNECTED", d.serverState());
        }
    }

    @Test
    void alertNamesFollowIana() {
        assertEquals("close_notify", TlsNames.ALERT_DESCRIPTIONS.name(0));
        assertEquals("bad_record_mac", TlsNames.ALERT_DESCRIPTIONS.name(20));
        assertEquals("record_overflow", TlsNames.ALERT_DESCRIPTIONS.name(22));
        assertEquals("bad_certificate", TlsNames.ALERT_DESCRIPTIONS.name(42));
        assertEquals("decode_error", TlsNames.ALERT_DESCRIPTIONS.name(50));
        assertEquals("protocol_version", TlsNames.ALERT_DESCRIPTIONS.name(70));
        assertEquals("missing_extension", TlsNames.ALERT_DESCRIPTIONS.name(109));
        assertEquals("unrecognized_name", TlsNames.ALERT_DESCRIPTIONS.name(112));
        assertEquals("certificate_required", TlsNames.ALERT_DESCRIPTIONS.name(116));
        assertEquals("no_application_protocol", TlsNames.ALERT_DESCRIPTIONS.name(120));
        assertEquals("unknown(0xc8)", TlsNames.ALERT_DESCRIPTIONS.name(200));
    }
}
