package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.Extensions;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import io.netstep.tls.names.TlsNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extensions as real clients send them: ALPN, status_request, max_fragment_length, key_share, PSK. */
class ExtensionsTest {

    private static HandshakeMessage first(List<TlsEvent> events, String type) {
        return events.stream().filter(e -> e instanceof HandshakeMessage && e.type().equals(type))
                .map(e -> (HandshakeMessage) e).findFirst().orElseThrow(() -> new AssertionError(type));
    }

    @Test
    void tls12ClientExtensions() throws Exception {
        OpenSsl.Options o = OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256");
        o.client("-alpn", "x-amzn-mqtt-ca,mqtt", "-status", "-maxfraglen", "1024").server("-alpn", "mqtt");
        TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
        List<TlsEvent> events = d.drainEvents();
        assertTrue(events.stream().noneMatch(e -> e instanceof TlsProblem), Capture.summaries(events).toString());
        Extensions ch = d.clientHello().extensions();
        assertEquals(List.of("x-amzn-mqtt-ca", "mqtt"), ch.alpnProtocols());
        assertTrue(ch.statusRequest());
        assertEquals(2, ch.maxFragmentLength());
        assertEquals("2^10 (0x02)", first(events, "ClientHello").fields().find("max_fragment_length").value());
        assertTrue(ch.extendedMasterSecret());
        assertTrue(ch.encryptThenMac());
        assertTrue(ch.supportedGroups().contains(TlsNames.NAMED_GROUPS.code("x25519")));
        assertTrue(ch.signatureAlgorithms().contains(TlsNames.SIGNATURE_SCHEMES.code("rsa_pss_rsae_sha256")));
        Extensions sh = d.serverHello().extensions();
        assertEquals(List.of("mqtt"), sh.alpnProtocols());
        assertEquals(2, sh.maxFragmentLength());
        assertTrue(sh.renegotiationInfo());
        // max_fragment_length 2^10 was honoured: no record of the server is longer than 1024 + overhead.
        assertTrue(d.recordLengths(io.netstep.tls.Direction.SERVER_TO_CLIENT).stream().allMatch(n -> n <= 1024 + 64),
                d.recordLengths(io.netstep.tls.Direction.SERVER_TO_CLIENT).toString());
    }

    @Test
    void tls13ClientHelloAndEncryptedExtensions() throws Exception {
        Path session = Files.createTempFile(OpenSsl.DIR, "session", ".pem");
        OpenSsl.Options first = OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256").client("-sess_out", session.toString());
        first.server("-alpn", "mqtt").client("-alpn", "mqtt");
        TlsConnectionDecoder d = OpenSsl.run(first).decode(true);
        List<TlsEvent> events = d.drainEvents();
        Extensions ch = d.clientHello().extensions();
        assertEquals(0x0304, (int) ch.supportedVersions().get(0));
        assertEquals(List.of(TlsNames.NAMED_GROUPS.code("x25519")), ch.keyShareGroups());
        assertEquals(List.of(1), ch.pskKeyExchangeModes()); // psk_dhe_ke
        assertEquals(List.of(0x0304), d.serverHello().extensions().supportedVersions());
        HandshakeMessage ee = first(events, "EncryptedExtensions");
        assertEquals(List.of("mqtt"), ee.extensions().alpnProtocols());
        HandshakeMessage ticket = first(events, "NewSessionTicket");
        assertNotNull(ticket.fields().find("ticket_nonce"));

        // The saved session makes the next ClientHello offer a PSK (a new server rejects it).
        OpenSsl.Options second = OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256").client("-sess_in",
                session.toString());
        TlsConnectionDecoder d2 = OpenSsl.run(second).decode(true);
        List<TlsEvent> events2 = d2.drainEvents();
        Extensions ch2 = d2.clientHello().extensions();
        assertEquals(1, ch2.pskIdentities());
        assertEquals(41, (int) ch2.types().get(ch2.types().size() - 1)); // pre_shared_key must be last
        HandshakeMessage hello2 = first(events2, "ClientHello");
        assertNotNull(hello2.fields().find("PskBinderEntry"));
        assertTrue(events2.stream().noneMatch(e -> e instanceof TlsProblem), Capture.summaries(events2).toString());
        assertEquals("CONNECTED", d2.clientState());
    }
}
