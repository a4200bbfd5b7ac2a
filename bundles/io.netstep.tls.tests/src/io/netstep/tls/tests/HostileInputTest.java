package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.Direction;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import io.netstep.tls.TlsRecord;
import io.netstep.tls.fuzz.TlsFuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes that are not what they should be: reported, bounded, never thrown. */
class HostileInputTest {
    private static Capture gcm13;
    private static Capture cbc12;

    @BeforeAll
    static void capture() throws Exception {
        gcm13 = OpenSsl.run(OpenSsl.Options.tls13("TLS_AES_256_GCM_SHA384"));
        cbc12 = OpenSsl.run(OpenSsl.Options.tls12("ECDHE-RSA-AES128-SHA").both("-no_etm"));
    }

    private static List<TlsProblem> problems(List<TlsEvent> events) {
        return events.stream().filter(e -> e instanceof TlsProblem).map(e -> (TlsProblem) e).toList();
    }

    @Test
    void oversizedRecordStopsThatDirectionOnly() {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.feed(Direction.CLIENT_TO_SERVER, new byte[] {23, 3, 3, 0x48, 0x01}); // 18433 = 2^14+2048+1
        d.feed(Direction.CLIENT_TO_SERVER, new byte[100000]);
        d.feed(Direction.SERVER_TO_CLIENT, new byte[] {21, 3, 3, 0, 2, 2, 40});
        List<TlsEvent> events = d.drainEvents();
        List<TlsProblem> p = problems(events);
        assertEquals(1, p.size(), events.toString());
        assertEquals(TlsProblem.Kind.VIOLATION, p.get(0).kind());
        assertTrue(p.get(0).message().contains("18433"), p.get(0).message());
        assertTrue(p.get(0).directionStopped());
        assertTrue(d.stopped(Direction.CLIENT_TO_SERVER));
        assertFalse(d.stopped(Direction.SERVER_TO_CLIENT));
        assertEquals("handshake_failure", d.alerts().get(0).descriptionName());
    }

    @Test
    void largestLegalRecordIsAccepted() {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        byte[] rec = new byte[5 + 18432];
        rec[0] = 23;
        rec[1] = 3;
        rec[2] = 3;
        rec[3] = 0x48;
        d.feed(Direction.CLIENT_TO_SERVER, rec);
        assertFalse(d.stopped(Direction.CLIENT_TO_SERVER));
        assertEquals(List.of(18432), d.recordLengths(Direction.CLIENT_TO_SERVER));
    }

    @Test
    void plainHttpIsNotTls() {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.feed(Direction.CLIENT_TO_SERVER, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        TlsProblem p = problems(d.drainEvents()).get(0);
        assertTrue(p.message().contains("content type 71"), p.message());
        assertTrue(d.stopped(Direction.CLIENT_TO_SERVER));
    }

    @Test
    void truncatedStreamIsReportedWithWhatWasAnnounced() {
        byte[] s2c = cbc12.stream(Direction.SERVER_TO_CLIENT);
        byte[] c2s = cbc12.stream(Direction.CLIENT_TO_SERVER);
        // Cut inside the second record (the Certificate): its header says how long it should be.
        int first = 5 + ((s2c[3] & 0xff) << 8 | (s2c[4] & 0xff));
        int certLen = (s2c[first + 3] & 0xff) << 8 | (s2c[first + 4] & 0xff);
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.feed(Direction.CLIENT_TO_SERVER, c2s, 0, 20);
        d.feed(Direction.SERVER_TO_CLIENT, s2c, 0, first + 5 + 100);
        TlsConnectionDecoder.PendingRecord pending = d.pendingRecord(Direction.SERVER_TO_CLIENT);
        assertEquals(new TlsConnectionDecoder.PendingRecord(first, 22, 0x0303, certLen, 100), pending);
        d.finish();
        List<TlsProblem> p = problems(d.drainEvents());
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().allMatch(x -> x.kind() == TlsProblem.Kind.TRUNCATED));
        TlsProblem s = p.stream().filter(x -> x.direction() == Direction.SERVER_TO_CLIENT).findFirst().orElseThrow();
        assertTrue(s.message().contains("announcing " + certLen + " bytes, of which 100 arrived"), s.message());
        assertEquals(first, s.wireOffset());
    }

    @Test
    void malformedClientHelloKeepsTheFieldsReadSoFar() {
        byte[] c2s = cbc12.stream(Direction.CLIENT_TO_SERVER).clone();
        // cipher_suites length (after header 5+4, version 2, random 32, session id 1+0) claims 0xfffe.
        int at = 5 + 4 + 2 + 32 + 1 + (c2s[5 + 4 + 2 + 32] & 0xff);
        c2s[at] = (byte) 0xff;
        c2s[at + 1] = (byte) 0xfe;
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.feed(Direction.CLIENT_TO_SERVER, c2s);
        List<TlsEvent> events = d.drainEvents();
        HandshakeMessage ch = (HandshakeMessage) events.stream().filter(e -> e instanceof HandshakeMessage)
                .findFirst().orElseThrow();
        assertTrue(ch.fields().child("random") != null);
        assertEquals(null, ch.clientHello());
        TlsProblem p = problems(events).get(0);
        assertEquals(TlsProblem.Kind.MALFORMED, p.kind());
        assertTrue(p.message().contains("cipher_suites"), p.message());
    }

    @Test
    void tamperedRecordFailsAloneAndDecodingContinues() {
        for (Capture c : List.of(gcm13, cbc12)) {
            // Flip one bit in the client's application data record (the last-but-one c2s record).
            byte[] c2s = c.stream(Direction.CLIENT_TO_SERVER).clone();
            TlsConnectionDecoder probe = c.decode(true);
            TlsRecord target = probe.drainEvents().stream()
                    .filter(e -> e instanceof TlsRecord && e.direction() == Direction.CLIENT_TO_SERVER)
                    .map(e -> (TlsRecord) e).filter(r -> r.innerContentType() == 23).findFirst().orElseThrow();
            c2s[(int) target.wireOffset() + 5 + target.length() - 20] ^= 0x01;

            TlsConnectionDecoder d = new TlsConnectionDecoder();
            d.setKeyLog(KeyLog.parse(c.keyLogText));
            feedInOrder(c, d, c2s);
            List<TlsEvent> events = d.drainEvents();
            List<TlsProblem> p = problems(events);
            assertEquals(1, p.size(), Capture.summaries(events).toString());
            assertEquals(TlsProblem.Kind.DECRYPTION_FAILED, p.get(0).kind());
            assertEquals(target.wireOffset(), p.get(0).wireOffset());
            assertEquals(0, d.applicationData(Direction.CLIENT_TO_SERVER).length());
            // The close_notify after it still decrypts: the sequence number moved on.
            assertTrue(d.alerts().stream().anyMatch(a -> a.direction() == Direction.CLIENT_TO_SERVER
                    && a.descriptionName().equals("close_notify")), Capture.summaries(events).toString());
        }
    }

    /** Replays the capture's chunk order with a replacement c2s stream of the same length. */
    private static void feedInOrder(Capture c, TlsConnectionDecoder d, byte[] c2s) {
        int pos = 0;
        for (Capture.Chunk ch : c.chunks) {
            if (ch.direction() == Direction.CLIENT_TO_SERVER) {
                d.feed(ch.direction(), c2s, pos, ch.bytes().length);
                pos += ch.bytes().length;
            } else {
                d.feed(ch.direction(), ch.bytes());
            }
        }
        d.finish();
    }

    @Test
    void hugeClientHelloInOneByteRecordsIsReassembled() {
        // 32767 cipher suites, every byte in its own record: each field maps to its own record.
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        body.writeBytes(new byte[32]);
        body.write(0);
        body.write(0xff);
        body.write(0xfe);
        for (int i = 0; i < 0x7fff; i++) {
            body.write(0xc0);
            body.write(0x2f);
        }
        body.write(1);
        body.write(0);
        byte[] b = body.toByteArray();
        byte[] msg = new byte[4 + b.length];
        msg[0] = 1;
        msg[1] = (byte) (b.length >> 16);
        msg[2] = (byte) (b.length >> 8);
        msg[3] = (byte) b.length;
        System.arraycopy(b, 0, msg, 4, b.length);
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        for (byte x : msg) {
            d.feed(Direction.CLIENT_TO_SERVER, new byte[] {22, 3, 3, 0, 1, x});
        }
        assertEquals(0x7fff, d.clientHello().cipherSuites().size());
        HandshakeMessage ch = (HandshakeMessage) d.drainEvents().stream().filter(e -> e instanceof HandshakeMessage)
                .findFirst().orElseThrow();
        io.netstep.tls.Field last = ch.fields().child("cipher_suites").children().get(0x7fff);
        // Two bytes in two records: two ranges, 6 bytes apart on the wire.
        assertEquals(2, last.ranges().size());
        assertEquals(last.ranges().get(0).offset() + 6, last.ranges().get(1).offset());
    }

    @Test
    void heartbeatWithOverlongPayloadLengthIsFlagged() {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.feed(Direction.CLIENT_TO_SERVER, new byte[] {24, 3, 3, 0, 3, 1, 0x40, 0x00});
        List<TlsEvent> events = d.drainEvents();
        assertTrue(events.stream().anyMatch(e -> e.type().equals("Heartbeat")));
        assertTrue(problems(events).get(0).message().contains("payload_length 16384"));
    }

    @Test
    void randomAndMutatedInputNeverEscapesTheDecoder() {
        Random r = new Random(7);
        List<byte[]> seeds = List.of(gcm13.stream(Direction.CLIENT_TO_SERVER), gcm13.stream(Direction.SERVER_TO_CLIENT),
                cbc12.stream(Direction.CLIENT_TO_SERVER), cbc12.stream(Direction.SERVER_TO_CLIENT));
        for (int i = 0; i < 3000; i++) {
            byte[] input;
            if (i % 3 == 0) {
                input = new byte[r.nextInt(600)];
                r.nextBytes(input);
            } else {
                byte[] seed = seeds.get(r.nextInt(seeds.size()));
                input = new byte[3 + seed.length];
                System.arraycopy(seed, 0, input, 3, seed.length);
                input[0] = (byte) r.nextInt();
                input[1] = (byte) r.nextInt();
                input[2] = (byte) r.nextInt();
                for (int m = 1 + r.nextInt(8); m > 0; m--) {
                    input[3 + r.nextInt(seed.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            TlsFuzz.fuzzerTestOneInput(input);
            TlsConnectionDecoder d = new TlsConnectionDecoder();
            d.setKeyLog(KeyLog.parse(i % 2 == 0 ? gcm13.keyLogText : cbc12.keyLogText));
            d.feed(Direction.SERVER_TO_CLIENT, input);
            d.finish();
            for (TlsEvent e : d.drainEvents()) {
                if (e instanceof TlsProblem) {
                    assertFalse(((TlsProblem) e).message().startsWith("internal decoder error"),
                            ((TlsProblem) e).message());
                }
            }
        }
    }
}
