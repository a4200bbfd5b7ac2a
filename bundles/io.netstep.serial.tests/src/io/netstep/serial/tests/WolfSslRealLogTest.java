package io.netstep.serial.tests;

import static io.netstep.serial.tests.MbedTlsRealLogTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.serial.LogEvent;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.SerialLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real wolfSSL 5.5.4 debug logs (Debian's source rebuilt with --enable-debug, see
 * tools/capture_logs.py) of the reference firmware against mosquitto with TLS 1.3.
 */
class WolfSslRealLogTest {

    @Test
    void successfulTls13HandshakeStatesInOrderWithoutProblems() {
        String text = Logs.text("wolfssl554-ok-tls13.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        assertEquals(List.of("CLIENT_HELLO_SENT", "HELLO_AGAIN", "HELLO_AGAIN_REPLY", "FIRST_REPLY_DONE", "FIRST_REPLY_FIRST",
                "FIRST_REPLY_SECOND", "FIRST_REPLY_THIRD", "FIRST_REPLY_FOURTH", "FINISHED_DONE"),
                log.events(Kind.STATE).stream().map(LogEvent::detail).toList());
        assertEquals(find(lines, 1, "connect state: FINISHED_DONE"), log.events(Kind.STATE).get(8).line());
        assertTrue(log.events(Kind.RECORD).size() >= 10, "received record layer msg");
        assertEquals(1, log.connections().size());
        // WANT_READ while waiting is not a failure, but it is what the log says
        assertEquals("WANT_READ", log.events(Kind.ERROR).get(0).detail());
        assertEquals("TLS13-AES256-GCM-SHA384", log.first("negotiated cipher suite").detail());
    }

    @Test
    void untrustedServerIsAsnNoSignerWithTheAlertAfterIt() {
        String text = Logs.text("wolfssl554-wrong-ca.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        LogEvent peer = log.first("ProcessPeerCerts");
        assertEquals(-188L, peer.code());
        assertEquals("ASN_NO_SIGNER_E", peer.detail());
        assertEquals(find(lines, 1, "wolfSSL Leaving ProcessPeerCerts, return -188"), peer.line());
        // the error-queue form prints the code without its sign and says where
        LogEvent where = log.events(Kind.ERROR).stream().filter(e -> e.code() == -188).findFirst().orElseThrow();
        assertTrue(where.detail().startsWith("ASN_NO_SIGNER_E at src/internal.c:"), where.detail());
        LogEvent alert = log.first("enter SendAlert");
        assertEquals(Kind.ALERT, alert.kind());
        assertTrue(alert.line() > where.line());
        assertEquals(-188L, log.first("FAIL tls-handshake").code());
    }

    @Test
    void caFileThatIsNotACertificate() {
        SerialLog log = Logs.parse("wolfssl554-bad-ca.log");
        assertEquals(List.of(), log.problems());
        assertEquals(-132L, log.lastError().code());
        assertEquals("BUFFER_E at src/ssl.c:7120", log.lastError().detail());
        assertEquals(-173L, log.first("FAIL tls-handshake").code());
        assertEquals("BAD_FUNC_ARG", log.first("FAIL tls-handshake").detail());
    }

    /**
     * WOLFSSL_BUFFER lines (the format of wolfSSL's logging.c: a tab, 16 bytes, "| " and the
     * characters). Debian's 5.5.4 build prints none, so this one is written from the format: the
     * log does not say which direction such a dump is, so it stays an event with its size.
     */
    @Test
    void bufferDumpsAreKeptAsEventsNotStreams() {
        String text = "wolfSSL Entering wolfSSL_connect()\n"
                + "\t16 03 03 00 2a 02 00 00 26 03 03 00 01 02 03 04 | ....*...&.......\n"
                + "\t05 06                                            | ..\n"
                + "wolfSSL Leaving wolfSSL_connect(), return -323\n";
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        LogEvent dump = log.events(Kind.DUMP).get(0);
        assertEquals(2, dump.line());
        assertEquals(0, log.connections().get(0).wire(io.netstep.mqtt.Direction.SERVER_TO_CLIENT).length());
        assertEquals(-323L, log.lastError().code());
        assertEquals(4, log.lastError().line());
    }
}
