package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.Direction;
import io.netstep.tls.Field;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoder's output does not depend on how TCP cut the streams (within each direction; the
 * order between directions is kept, as a tap sees it), nor on how the sender cut handshake
 * messages into records.
 */
class ChunkingTest {
    private static Capture tls13;
    private static Capture tls12;

    @BeforeAll
    static void capture() throws Exception {
        tls13 = OpenSsl.run(OpenSsl.Options.tls13("TLS_AES_128_CCM_SHA256").server("-verify", "1"));
        tls12 = OpenSsl.run(OpenSsl.Options.tls12("ECDHE-RSA-AES256-SHA384").both("-no_etm"));
    }

    /** Everything observable: summaries, states, field trees with ranges, and both plaintext streams. */
    private static String observe(TlsConnectionDecoder d) {
        StringBuilder sb = new StringBuilder();
        for (TlsEvent e : d.drainEvents()) {
            sb.append(e.summary()).append(" | ").append(e.clientState()).append('/').append(e.serverState())
                    .append('\n').append(e.fields().dump());
        }
        for (Direction dir : Direction.values()) {
            sb.append(dir).append(": ").append(io.netstep.tls.internal.Hex.of(d.applicationData(dir).bytes()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static TlsConnectionDecoder decode(Capture c, java.util.function.IntUnaryOperator chunkSize) {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        d.setKeyLog(KeyLog.parse(c.keyLogText));
        int i = 0;
        for (Capture.Chunk ch : c.chunks) {
            byte[] b = ch.bytes();
            for (int off = 0; off < b.length;) {
                int n = Math.min(b.length - off, Math.max(1, chunkSize.applyAsInt(i++)));
                d.feed(ch.direction(), b, off, n);
                off += n;
            }
        }
        d.finish();
        return d;
    }

    @Test
    void everyChunkingGivesTheSameResult() {
        for (Capture c : List.of(tls13, tls12)) {
            String reference = observe(c.decode(true));
            assertTrue(reference.contains("ApplicationData 14 bytes"), reference);
            assertEquals(reference, observe(decode(c, i -> 1)), "one byte at a time");
            assertEquals(reference, observe(decode(c, i -> 5)), "record-header-sized chunks");
            Random r = new Random(42);
            assertEquals(reference, observe(decode(c, i -> 1 + r.nextInt(200))), "random chunks");
        }
    }

    @Test
    void handshakeMessagesAreTheSameHoweverTheyAreCutIntoRecords() {
        // The server's plaintext TLS 1.2 flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone.
        TlsConnectionDecoder original = tls12.decode(false);
        // Without keys the client's later messages are unreadable; compare ClientHello and the server's.
        List<String> expected = handshakeValues(original.drainEvents());
        expected.removeIf(m -> m.startsWith("ClientKeyExchange"));
        byte[] s2c = tls12.stream(Direction.SERVER_TO_CLIENT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int p = 0;
        while (p + 5 <= s2c.length && s2c[p] == 22) {
            int len = (s2c[p + 3] & 0xff) << 8 | (s2c[p + 4] & 0xff);
            body.write(s2c, p + 5, len);
            p += 5 + len;
        }
        byte[] flight = body.toByteArray();
        for (int recordSize : new int[] {7, 1, flight.length}) {
            TlsConnectionDecoder d = new TlsConnectionDecoder();
            d.feed(Direction.CLIENT_TO_SERVER, tls12.stream(Direction.CLIENT_TO_SERVER), 0, clientHelloEnd());
            d.feed(Direction.SERVER_TO_CLIENT, reframe(flight, recordSize));
            List<TlsEvent> events = d.drainEvents();
            assertTrue(events.stream().noneMatch(e -> e instanceof TlsProblem), Capture.summaries(events).toString());
            assertEquals(expected, handshakeValues(events), "records of " + recordSize + " bytes");
        }
    }

    private static int clientHelloEnd() {
        byte[] c2s = tls12.stream(Direction.CLIENT_TO_SERVER);
        return 5 + ((c2s[3] & 0xff) << 8 | (c2s[4] & 0xff));
    }

    private static byte[] reframe(byte[] handshake, int recordSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < handshake.length; off += recordSize) {
            int n = Math.min(recordSize, handshake.length - off);
            out.write(new byte[] {22, 3, 3, (byte) (n >> 8), (byte) n}, 0, 5);
            out.write(handshake, off, n);
        }
        return out.toByteArray();
    }

    /** Message types with all field names and values (not ranges: record headers move them). */
    private static List<String> handshakeValues(List<TlsEvent> events) {
        List<String> out = new ArrayList<>();
        for (TlsEvent e : events) {
            if (e instanceof HandshakeMessage) {
                StringBuilder sb = new StringBuilder(e.type());
                values(e.fields(), sb);
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static void values(Field f, StringBuilder sb) {
        sb.append(' ').append(f.name()).append('=').append(f.value()).append('#').append(f.length());
        f.children().forEach(c -> values(c, sb));
    }

    @Test
    void plaintextIsIdenticalToWhatOpensslSent() {
        TlsConnectionDecoder d = decode(tls12, i -> 3);
        assertArrayEquals("hello netstep\n".getBytes(), d.applicationData(Direction.CLIENT_TO_SERVER).bytes());
    }
}
