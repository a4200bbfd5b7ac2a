package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.ByteRange;
import io.netstep.tls.ByteSpace;
import io.netstep.tls.Direction;
import io.netstep.tls.Field;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** State machines, HelloRetryRequest, KeyUpdate, byte ranges and late keys on real connections. */
class HandshakeFlowTest {

    private static List<String> messages(List<TlsEvent> events) {
        return events.stream().filter(e -> e instanceof HandshakeMessage)
                .map(e -> e.direction().shortName() + " " + e.type() + " " + e.clientState() + "/" + e.serverState())
                .collect(Collectors.toList());
    }

    @Test
    void tls13StatesFollowRfc8446AppendixA() throws Exception {
        OpenSsl.Options o = OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256").server("-verify", "1");
        TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
        assertEquals(List.of(
                "c2s ClientHello WAIT_SH/RECVD_CH",
                "s2c ServerHello WAIT_EE/NEGOTIATED",
                "s2c EncryptedExtensions WAIT_CERT_CR/NEGOTIATED",
                "s2c CertificateRequest WAIT_CERT/NEGOTIATED",
                "s2c Certificate WAIT_CV/NEGOTIATED",
                "s2c CertificateVerify WAIT_FINISHED/NEGOTIATED",
                "s2c Finished CONNECTED/WAIT_FLIGHT2",
                "c2s Certificate CONNECTED/WAIT_FINISHED",
                "c2s Finished CONNECTED/CONNECTED"),
                messages(d.drainEvents()).subList(0, 9));
    }

    @Test
    void tls12StatesNameTheAwaitedMessage() throws Exception {
        TlsConnectionDecoder d = OpenSsl.run(OpenSsl.Options.tls12("ECDHE-RSA-AES128-GCM-SHA256")).decode(true);
        List<String> m = messages(d.drainEvents());
        assertEquals(List.of(
                "c2s ClientHello WAIT_SERVER_HELLO/RECVD_CLIENT_HELLO",
                "s2c ServerHello WAIT_CERTIFICATE/WAIT_CLIENT_KEY_EXCHANGE",
                "s2c Certificate WAIT_SERVER_KEY_EXCHANGE/WAIT_CLIENT_KEY_EXCHANGE",
                "s2c ServerKeyExchange WAIT_SERVER_HELLO_DONE/WAIT_CLIENT_KEY_EXCHANGE",
                "s2c ServerHelloDone WAIT_NEW_SESSION_TICKET/WAIT_CLIENT_KEY_EXCHANGE",
                "c2s ClientKeyExchange WAIT_NEW_SESSION_TICKET/WAIT_CHANGE_CIPHER_SPEC",
                "c2s Finished WAIT_NEW_SESSION_TICKET/CONNECTED",
                "s2c NewSessionTicket WAIT_CHANGE_CIPHER_SPEC/CONNECTED",
                "s2c Finished CONNECTED/CONNECTED"), m);
    }

    @Test
    void helloRetryRequestAndKeyUpdate() throws Exception {
        OpenSsl.Options o = OpenSsl.Options.tls13("TLS_AES_256_GCM_SHA384");
        o.server("-groups", "P-384").client("-groups", "x25519:P-384");
        o.afterReply.add("K"); // s_client: KeyUpdate with update_requested
        TlsConnectionDecoder d = OpenSsl.run(o).decode(true);
        List<TlsEvent> events = d.drainEvents();
        List<String> m = messages(events);
        assertEquals("s2c HelloRetryRequest START/START", m.get(1));
        assertEquals("c2s ClientHello WAIT_SH/RECVD_CH", m.get(2));
        HandshakeMessage hrr = (HandshakeMessage) events.stream().filter(e -> e.type().equals("HelloRetryRequest"))
                .findFirst().orElseThrow();
        assertEquals(List.of(24), hrr.serverHello().extensions().keyShareGroups()); // secp384r1
        HandshakeMessage ku = (HandshakeMessage) events.stream().filter(e -> e.type().equals("KeyUpdate"))
                .findFirst().orElseThrow();
        assertEquals("update_requested (0x01)", ku.fields().find("request_update").value());
        // Records after the KeyUpdate decrypt with the next generation of keys.
        assertTrue(events.stream().noneMatch(e -> e instanceof TlsProblem), Capture.summaries(events).toString());
        assertEquals("close_notify", d.alerts().get(0).descriptionName());
        assertEquals("hello netstep\n", OpenSslDecryptionTest.text(d.applicationData(Direction.CLIENT_TO_SERVER)));
    }

    @Test
    void fieldRangesPointAtTheirBytes() throws Exception {
        Capture c = OpenSsl.run(OpenSsl.Options.tls13("TLS_CHACHA20_POLY1305_SHA256"));
        TlsConnectionDecoder d = c.decode(true);
        List<TlsEvent> events = d.drainEvents();
        byte[] c2s = c.stream(Direction.CLIENT_TO_SERVER);
        HandshakeMessage ch = (HandshakeMessage) events.stream().filter(e -> e.type().equals("ClientHello"))
                .findFirst().orElseThrow();
        ByteRange random = ch.fields().child("random").ranges().get(0);
        assertEquals(ByteSpace.WIRE, random.space());
        assertArrayEquals(ch.clientHello().random(),
                Arrays.copyOfRange(c2s, (int) random.offset(), (int) random.end()));
        Field host = ch.fields().find("host_name");
        ByteRange h = host.ranges().get(0);
        assertEquals("\u0000\u000ebroker.example", new String(c2s, (int) h.offset(), h.length(),
                java.nio.charset.StandardCharsets.US_ASCII));

        // An encrypted message's ranges are in the decrypted stream and cover its own bytes.
        HandshakeMessage ee = (HandshakeMessage) events.stream().filter(e -> e.type().equals("EncryptedExtensions"))
                .findFirst().orElseThrow();
        ByteRange r = ee.fields().ranges().get(0);
        assertEquals(ByteSpace.DECRYPTED, r.space());
        byte[] plain = d.decryptedStream(Direction.SERVER_TO_CLIENT).read(r.offset(), r.length());
        assertEquals(8, plain[0]);
        assertEquals(ee.length() + 4, plain.length);
    }

    @Test
    void keysArrivingAfterTheRecordsStillDecryptWhenAwaited() throws Exception {
        Capture c = OpenSsl.run(OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256"));
        KeyLog keys = new KeyLog();
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.setKeyLog(keys);
        d.setAwaitKeys(true);
        for (Capture.Chunk ch : c.chunks) {
            d.feed(ch.direction(), ch.bytes());
        }
        assertEquals(0, d.applicationData(Direction.SERVER_TO_CLIENT).length());
        keys.addLines(c.keyLogText);
        d.keysUpdated();
        d.finish();
        assertEquals("hello netstep\n", OpenSslDecryptionTest.text(d.applicationData(Direction.CLIENT_TO_SERVER)));
        assertTrue(OpenSslDecryptionTest.text(d.applicationData(Direction.SERVER_TO_CLIENT)).contains("petsten"));
        assertEquals("CONNECTED", d.clientState());
        assertTrue(d.drainEvents().stream().noneMatch(e -> e instanceof TlsProblem));
    }

    @Test
    void contentDecryptedElsewhereDecodesLikeOwnDecryption() throws Exception {
        Capture c = OpenSsl.run(OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256"));
        TlsConnectionDecoder keyed = c.decode(true);
        List<TlsEvent> reference = keyed.drainEvents();
        HandshakeMessage ee = (HandshakeMessage) reference.stream().filter(e -> e.type().equals("EncryptedExtensions"))
                .findFirst().orElseThrow();
        ByteRange r = ee.fields().ranges().get(0);
        byte[] eeBytes = keyed.decryptedStream(Direction.SERVER_TO_CLIENT).read(r.offset(), r.length());

        TlsConnectionDecoder d = new TlsConnectionDecoder();
        byte[] c2s = c.stream(Direction.CLIENT_TO_SERVER);
        byte[] s2c = c.stream(Direction.SERVER_TO_CLIENT);
        d.feed(Direction.CLIENT_TO_SERVER, c2s, 0, 5 + ((c2s[3] & 0xff) << 8 | (c2s[4] & 0xff)));
        d.feed(Direction.SERVER_TO_CLIENT, s2c, 0, 5 + ((s2c[3] & 0xff) << 8 | (s2c[4] & 0xff)));
        d.drainEvents();
        d.feedDecrypted(Direction.SERVER_TO_CLIENT, 22, eeBytes);
        List<TlsEvent> events = d.drainEvents();
        assertEquals(1, events.size(), events.toString());
        HandshakeMessage got = (HandshakeMessage) events.get(0);
        assertEquals("EncryptedExtensions", got.type());
        assertTrue(got.wasDecrypted());
        assertEquals("WAIT_CERT_CR", got.clientState());
        assertEquals(ee.fields().dump().replaceAll("\\[DECRYPTED\\[\\d+", ""),
                got.fields().dump().replaceAll("\\[DECRYPTED\\[\\d+", ""));
    }

    @Test
    void withoutKeysTheHandshakeIsDecodedAndTheGapReported() throws Exception {
        TlsConnectionDecoder d = OpenSsl.run(OpenSsl.Options.tls13("TLS_AES_128_GCM_SHA256")).decode(false);
        List<TlsEvent> events = d.drainEvents();
        assertEquals("TLS_AES_128_GCM_SHA256", d.chosenCipherSuite());
        assertEquals("TLS 1.3", d.negotiatedVersionName());
        assertEquals("WAIT_EE", d.clientState());
        List<TlsProblem> problems = events.stream().filter(e -> e instanceof TlsProblem).map(e -> (TlsProblem) e)
                .toList();
        assertEquals(2, problems.size(), problems.toString()); // once per direction
        assertTrue(problems.stream().allMatch(p -> p.kind() == TlsProblem.Kind.NO_KEYS));
        assertNotNull(d.serverHello());
        assertEquals(0, d.applicationData(Direction.CLIENT_TO_SERVER).length());
    }
}
