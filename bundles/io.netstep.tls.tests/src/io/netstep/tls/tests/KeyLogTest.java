package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.KeyLog;
import io.netstep.tls.internal.Hex;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyLogTest {
    private static final String RANDOM = "ab".repeat(32);
    private static final String SECRET = "5ec2e7".repeat(16);

    @Test
    void linesAreMatchedByClientRandom() {
        KeyLog log = KeyLog.parse("# comment\n\nCLIENT_RANDOM " + RANDOM + " " + SECRET + "\r\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " " + "01".repeat(32) + "\n");
        assertArrayEquals(Hex.parse(SECRET), log.secret(KeyLog.CLIENT_RANDOM, Hex.parse(RANDOM)));
        assertArrayEquals(Hex.parse("01".repeat(32)), log.secret(KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET,
                Hex.parse(RANDOM)));
        assertNull(log.secret(KeyLog.CLIENT_RANDOM, Hex.parse("cd".repeat(32))));
        assertEquals(1, log.connectionCount());
        assertEquals(0, log.problems().size());
    }

    @Test
    void badLinesAreReportedWithoutTheirSecrets() {
        KeyLog log = new KeyLog();
        assertFalse(log.addLine("CLIENT_RANDOM " + RANDOM));
        assertFalse(log.addLine("CLIENT_RANDOM " + RANDOM.substring(2) + " " + SECRET));
        assertFalse(log.addLine("CLIENT_RANDOM " + RANDOM + " " + SECRET + "zz"));
        assertFalse(log.addLine("NOT_A_LABEL " + RANDOM + " " + SECRET));
        assertEquals(4, log.problems().size());
        String everything = log.problems() + log.toString();
        assertFalse(everything.contains(SECRET), everything);
        assertFalse(everything.toLowerCase().contains("5ec2e7"), everything);
        assertTrue(log.problems().get(1).contains("client_random"));
    }

    @Test
    void listenersHearAboutNewSecrets() {
        KeyLog log = new KeyLog();
        AtomicInteger calls = new AtomicInteger();
        log.addListener(calls::incrementAndGet);
        log.addLine("CLIENT_TRAFFIC_SECRET_0 " + RANDOM + " " + SECRET);
        log.addLine("garbage");
        assertEquals(1, calls.get());
    }
}
