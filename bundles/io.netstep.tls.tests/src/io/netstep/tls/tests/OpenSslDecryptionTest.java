package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.AlertMessage;
import io.netstep.tls.ApplicationData;
import io.netstep.tls.Direction;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.PlaintextStream;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import io.netstep.tls.TlsRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real connections between openssl s_client and s_server on 127.0.0.1, one per cipher suite,
 * decoded and decrypted from the relay's capture with the client's key log: the plaintext must
 * be what the client sent and what the server answered.
 */
class OpenSslDecryptionTest {

    static Stream<Arguments> suites() {
        return Stream.of(
                tls13("TLS_AES_128_GCM_SHA256"),
                tls13("TLS_AES_256_GCM_SHA384"),
                tls13("TLS_CHACHA20_POLY1305_SHA256"),
                tls13("TLS_AES_128_CCM_SHA256"),
                tls13("TLS_AES_128_CCM_8_SHA256"),
                tls12("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", true),
                tls12("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", true),
                tls12("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", true),
                tls12("ECDHE-ECDSA-AES128-CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", true),
                tls12("ECDHE-ECDSA-AES256-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", true),
                tls12("AES128-CCM8", "TLS_RSA_WITH_AES_128_CCM_8", true),
                tls12("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", true),
                tls12("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", false),
                tls12("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", true),
                tls12("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", false),
                tls12("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", true),
                tls12("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", false),
                tls12("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", false),
                tls12("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", true));
    }

    private static Arguments tls13(String suite) {
        return Arguments.of(suite, OpenSsl.Options.tls13(suite), 0x0304, true);
    }

    private static Arguments tls12(String opensslName, String iana, boolean etm) {
        OpenSsl.Options o = OpenSsl.Options.tls12(opensslName);
        if (!etm) {
            o.both("-no_etm");
        }
        // RFC 7366: encrypt_then_mac only applies to (and is only echoed for) CBC suites.
        return Arguments.of(iana + (etm ? "" : " -no_etm"), o, 0x0303, etm && iana.contains("_CBC_"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void decryptsWhatWasSent(String label, OpenSsl.Options options, int version, boolean etm) throws Exception {
        Capture capture = OpenSsl.run(options);
        TlsConnectionDecoder d = capture.decode(true);
        List<TlsEvent> events = d.drainEvents();
        String timeline = String.join("\n", Capture.summaries(events));

        List<TlsProblem> problems = events.stream().filter(e -> e instanceof TlsProblem).map(e -> (TlsProblem) e)
                .toList();
        assertEquals(List.of(), problems, timeline);
        String iana = label.split(" ")[0];
        assertEquals(iana, d.chosenCipherSuite());
        assertTrue(d.offeredCipherSuites().contains(iana), d.offeredCipherSuites().toString());
        assertEquals(version, d.negotiatedVersion());
        assertEquals(TestCertificates.HOST, d.sni());
        if (version == 0x0303) {
            assertEquals(etm, d.serverHello().extensions().encryptThenMac(), "encrypt_then_mac negotiated");
        }

        assertEquals("hello netstep\n", text(d.applicationData(Direction.CLIENT_TO_SERVER)), timeline);
        assertTrue(text(d.applicationData(Direction.SERVER_TO_CLIENT)).contains("petsten olleh"), timeline);
        assertEquals("CONNECTED", d.clientState(), timeline);
        assertEquals("CONNECTED", d.serverState(), timeline);

        // The server's chain (leaf + CA) is parsed, encrypted in TLS 1.3, plaintext in 1.2.
        assertNotNull(d.serverCertificates(), timeline);
        assertEquals(2, d.serverCertificates().certificates().size());
        assertTrue(d.serverCertificates().certificates().get(0).subject().contains("CN=" + TestCertificates.HOST));
        HandshakeMessage cert = events.stream().filter(e -> e instanceof HandshakeMessage
                && ((HandshakeMessage) e).handshakeType() == 11).map(e -> (HandshakeMessage) e).findFirst().orElseThrow();
        assertEquals(version == 0x0304, cert.wasDecrypted());

        // The client closes with a close_notify alert, decrypted.
        AlertMessage close = d.alerts().stream().filter(a -> a.direction() == Direction.CLIENT_TO_SERVER)
                .findFirst().orElseThrow(() -> new AssertionError(timeline));
        assertEquals("close_notify", close.descriptionName());
        assertTrue(close.wasDecrypted());

        // Plaintext offsets map back to the application_data record that carried them.
        PlaintextStream.Segment seg = d.applicationData(Direction.CLIENT_TO_SERVER).segmentAt(0);
        TlsRecord carrier = events.stream().filter(e -> e instanceof TlsRecord).map(e -> (TlsRecord) e)
                .filter(r -> r.wireOffset() == seg.recordWireOffset() && r.direction() == Direction.CLIENT_TO_SERVER)
                .findFirst().orElseThrow();
        assertEquals(23, carrier.contentType());
        assertEquals(23, carrier.innerContentType());
        ApplicationData first = events.stream().filter(e -> e instanceof ApplicationData).map(e -> (ApplicationData) e)
                .filter(a -> a.direction() == Direction.CLIENT_TO_SERVER).findFirst().orElseThrow();
        assertEquals(0, first.streamOffset());
        assertFalse(d.stopped(Direction.CLIENT_TO_SERVER));
    }

    static String text(PlaintextStream s) {
        return new String(s.bytes(), StandardCharsets.ISO_8859_1);
    }
}
