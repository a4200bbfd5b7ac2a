package io.netstep.serial.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netstep.mqtt.Direction;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.SerialLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message forms of other mbedTLS versions and debug callbacks, written from their format strings. */
class LineFormsTest {

    @Test
    void espIdfCallbackAndMbedTls3StateNames() {
        String text = String.join("\n",
                "D (5123) mbedtls: ssl_tls.c:4401 => handshake",
                "D (5124) mbedtls: ssl_tls13_client.c:2761 tls13 client state: MBEDTLS_SSL_SERVER_HELLO(2)",
                "D (5125) mbedtls: ssl_msg.c:3978 record type after decrypt (before 23): 22",
                "W (5126) mbedtls: ssl_msg.c:4040 mbedtls_ssl_read_record() returned -29312 (-0x7280)",
                "E (5127) app: mbedtls_ssl_handshake returned -0x7280");
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        LogEvent state = log.first("client state");
        assertEquals("SERVER_HELLO", state.detail());
        assertEquals(2L, state.code());
        assertEquals("5124", state.timestamp());
        assertEquals(22L, log.first("record type after decrypt").code());
        assertEquals("-0x7280", log.lastError().codeHex());
        assertEquals(4, log.lastError().line());
        LogEvent app = log.first("mbedtls_ssl_handshake");
        assertEquals(LogEvent.Source.APPLICATION, app.source());
        assertEquals(-0x7280L, app.code());
        assertEquals("MBEDTLS_ERR_SSL_CONN_EOF", app.detail());
        assertEquals(1, log.events(Kind.STEP).size());
    }

    @Test
    void recordDumpsWithOlderCallbackFormatAndTimestamps() {
        // mbedTLS 2.16 examples print "file:line: message" without the level; a terminal adds time
        String text = String.join("\r\n",
                "[00:00:01.100] ssl_tls.c:2755: dumping 'output record sent to network' (10 bytes)",
                "[00:00:01.101] ssl_tls.c:2755: 0000:  16 03 03 00 05 01 00 00 01 00                    ..........",
                "[00:00:01.200] ssl_tls.c:3722: dumping 'input record from network' (7 bytes)",
                "[00:00:01.201] ssl_tls.c:3722: 0000:  15 03 03 00 02 02 28                             ......(",
                "[00:00:01.202] ssl_tls.c:4445: got an alert message, type: [2:40]");
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        assertEquals(10, log.connections().get(0).wire(Direction.CLIENT_TO_SERVER).length());
        assertEquals(4, log.connections().get(0).wire(Direction.SERVER_TO_CLIENT).lineAt(6));
        LogEvent alert = log.first("got alert");
        assertEquals(40L, alert.code());
        assertEquals("00:00:01.202", alert.timestamp());
    }
}
